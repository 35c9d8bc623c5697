package com.dinsight.engine;

/** Thrown by {@link DInsightEngine#embed} when its {@link Cancellation} says stop. */
public class EmbeddingCancelledException extends RuntimeException {
    public EmbeddingCancelledException(String message) {
        super(message);
    }
}
