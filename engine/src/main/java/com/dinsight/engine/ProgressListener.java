package com.dinsight.engine;

/**
 * Receives the fraction of the work done, from 0 to 1, at least every 5% of the work and
 * once with 1.0 at the end. Called on the thread that called the engine.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, stage) -> { };

    /**
     * @param fraction work done so far, 0..1, never decreasing
     * @param stage    {@code distances}, {@code start}, {@code optimise}, {@code place} or {@code done}
     */
    void onProgress(double fraction, String stage);
}
