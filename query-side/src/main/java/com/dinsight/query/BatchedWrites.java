package com.dinsight.query;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a projection collects over a processor's batch of events and makes once, just before the
 * batch's transaction commits (with its token): one statement per batch instead of one per event.
 * Outside a unit of work (a handler called directly) the write is made at once.
 */
public final class BatchedWrites {

    private BatchedWrites() {
    }

    /**
     * Adds to the batch's pending writes under {@code key}, made with {@code empty} on the batch's
     * first event and handed to {@code write} when the batch prepares its commit.
     */
    public static <R> void collect(String key, Supplier<R> empty, Consumer<R> add, Consumer<R> write) {
        if (!CurrentUnitOfWork.isStarted()) {
            R alone = empty.get();
            add.accept(alone);
            write.accept(alone);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        R pending = batch.getOrComputeResource(key, k -> {
            R created = empty.get();
            batch.onPrepareCommit(unitOfWork -> write.accept(created));
            return created;
        });
        add.accept(pending);
    }
}
