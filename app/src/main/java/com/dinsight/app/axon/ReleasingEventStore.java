package com.dinsight.app.axon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Axon's embedded event store, letting go of the events that leave its cache (decision 49).
 *
 * <p>The store keeps its recent events for the processors that tail it in a linked list, and drops
 * the oldest by moving the list's head: a dropped node stays linked to the next. Once a dropped
 * node has been promoted to the old generation, that link keeps the next node alive in every young
 * collection (G1 treats references from old regions as roots without asking whether their holder
 * is alive), that node keeps the one after it, and so on: every event published is copied out of
 * the young generation and promoted, until a concurrent cycle and a mixed collection free the
 * chain. Under the single-row monitoring load that was about 70 MB a young collection and pauses of
 * 30-75 ms (docs/monitoring-performance.md).
 *
 * <p>Every {@code releasePeriod} this store cuts the link of each node its cache has dropped since
 * the last pass. Only nodes older than the cache's head are touched, which the producer never
 * writes again. A processor still positioned on such a node finds no next event once; on its next
 * read it finds itself behind the cache and reads from the storage engine, as it does whenever it
 * falls that far behind. If a later Axon version no longer has these internals, the store logs so
 * once and works as Axon's own.
 *
 * <p>Its streams also wake their processors when new events pause, instead of Axon's fixed 500 ms
 * poll ({@link EventArrivals}, decision 54).
 */
final class ReleasingEventStore extends EmbeddedEventStore {

    private static final EventCacheInternals INTERNALS = EventCacheInternals.find();

    /** Runs the release passes and the streams' wake-ups. */
    private final ScheduledExecutorService timer;
    /** The cache's head at the last pass: the first node not yet released. */
    private Object released;
    private final EventArrivals arrivals;
    private volatile EventStorageEngine announcingEngine;

    ReleasingEventStore(Builder builder, Duration releasePeriod) {
        this(builder, releasePeriod, EventArrivals.PAUSE, EventArrivals.WINDOW);
    }

    /** {@code pause} and {@code window}: when a stream with events waiting is woken (EventArrivals). */
    ReleasingEventStore(Builder builder, Duration releasePeriod, Duration pause, Duration window) {
        super(builder);
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-store-timer");
            thread.setDaemon(true);
            return thread;
        });
        arrivals = new EventArrivals(timer, pause, window);
        if (INTERNALS != null) {
            long period = releasePeriod.toMillis();
            timer.scheduleWithFixedDelay(this::releaseDropped, period, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return arrivals.stream(super.openStream(trackingToken));
    }

    /** The storage engine, announcing what the producer reads (asked for while the store is built, too). */
    @Override
    protected EventStorageEngine storageEngine() {
        if (arrivals == null) {
            return super.storageEngine();
        }
        EventStorageEngine engine = announcingEngine;
        if (engine == null) {
            engine = arrivals.engine(super.storageEngine());
            announcingEngine = engine;
        }
        return engine;
    }

    /** Cuts the links of the nodes dropped since the last pass; answers how many. */
    synchronized int releaseDropped() {
        if (INTERNALS == null) {
            return 0;
        }
        Object head = INTERNALS.head(this);
        if (head == null) {
            return 0;
        }
        long headIndex = INTERNALS.index(head);
        int count = 0;
        for (Object node = released; node != null && INTERNALS.index(node) < headIndex; count++) {
            node = INTERNALS.unlink(node);
        }
        released = head;
        return count;
    }

    @Override
    public void shutDown() {
        super.shutDown();
        timer.shutdownNow();
    }
}
