package com.dinsight.engine;

/** Polled by the engine at least once per optimiser iteration and between setup stages. */
@FunctionalInterface
public interface Cancellation {
    Cancellation NONE = () -> false;

    boolean isCancelled();
}
