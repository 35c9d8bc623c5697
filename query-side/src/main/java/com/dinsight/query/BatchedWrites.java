package com.dinsight.query;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes projections collect over a processor's batch of events and make together: one statement
 * per batch instead of one per event (decisions 44 and 48). They are made just before the batch's
 * transaction commits (with its token), or earlier when {@link #flush()} is called.
 *
 * <p>Rules for the handlers of a processor that collects:
 * <ul>
 * <li>A handler that reads, updates or deletes rows another handler may have collected calls
 * {@link #flush()} first, so that it sees them (and a deletion is not undone by a later insert).</li>
 * <li>A write that fails when collected writes are made cannot tell which event it came from.
 * Every event that had collected writes in it is then remembered, and when the processor handles
 * it again (it retries the batch) its writes are made at once, in its own handler: a failure is
 * then the event's own, and the dead-letter queue can park it as for any other handler.</li>
 * <li>{@link #atOnce} makes every write of the handlers it runs at once (an event handled inside a
 * savepoint of its own must write inside it).</li>
 * </ul>
 * Only a processor's batch collects: outside one (a handler called directly, a dead letter retried
 * in a unit of work of its own) every write is made at once.
 */
public final class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";
    /** Events whose collected writes failed; bounded by what failed, and forgotten once written. */
    private static final Set<String> WRITE_AT_ONCE = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Boolean> AT_ONCE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private BatchedWrites() {
    }

    /**
     * Adds to the batch's pending writes under {@code key}, made with {@code empty} on the batch's
     * first event and handed to {@code write} when the batch prepares its commit (or is flushed).
     * Answers what is pending under the key now (or what was just written, when written at once),
     * so that a caller can flush when it has collected enough.
     */
    public static <R> R collect(String key, Supplier<R> empty, Consumer<R> add, Consumer<R> write) {
        if (!CurrentUnitOfWork.isStarted() || AT_ONCE.get()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>)) {
            return writeAlone(empty, add, write);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        String eventId = unitOfWork.getMessage().getIdentifier();
        if (WRITE_AT_ONCE.contains(eventId)) {
            unitOfWork.root().afterCommit(committed -> WRITE_AT_ONCE.remove(eventId));
            return writeAlone(empty, add, write);
        }
        return pending(unitOfWork.root()).add(key, empty, add, write, eventId);
    }

    /** Makes the current batch's pending writes now. */
    public static void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(PENDING);
            if (pending != null) {
                pending.write();
            }
        }
    }

    /**
     * Runs {@code handling} with every write made at once. Pending writes of earlier events stay
     * pending: a caller that must have them written first (before a savepoint) calls {@link #flush()}.
     */
    public static <T> T atOnce(Callable<T> handling) throws Exception {
        boolean outer = AT_ONCE.get();
        AT_ONCE.set(Boolean.TRUE);
        try {
            return handling.call();
        } finally {
            AT_ONCE.set(outer);
        }
    }

    private static <R> R writeAlone(Supplier<R> empty, Consumer<R> add, Consumer<R> write) {
        R alone = empty.get();
        add.accept(alone);
        write.accept(alone);
        return alone;
    }

    private static Pending pending(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING, k -> {
            Pending created = new Pending();
            batch.onPrepareCommit(unitOfWork -> created.write());
            return created;
        });
    }

    /** A batch's pending writes, in the order their keys were first collected. */
    private static final class Pending {

        private final Map<String, Collected<?>> byKey = new LinkedHashMap<>();
        private final Set<String> eventIds = new LinkedHashSet<>();

        <R> R add(String key, Supplier<R> empty, Consumer<R> add, Consumer<R> write, String eventId) {
            @SuppressWarnings("unchecked")
            Collected<R> collected = (Collected<R>) byKey.computeIfAbsent(key, k -> new Collected<>(empty.get(), write));
            add.accept(collected.value());
            eventIds.add(eventId);
            return collected.value();
        }

        void write() {
            if (byKey.isEmpty()) {
                return;
            }
            try {
                byKey.values().forEach(Collected::write);
            } catch (RuntimeException e) {
                WRITE_AT_ONCE.addAll(eventIds);
                throw e;
            } finally {
                byKey.clear();
                eventIds.clear();
            }
        }
    }

    private record Collected<R>(R value, Consumer<R> writer) {

        void write() {
            writer.accept(value);
        }
    }
}
