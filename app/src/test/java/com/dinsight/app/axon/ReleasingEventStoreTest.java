package com.dinsight.app.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's cache of 4 events over an in-memory storage engine; the test runs the release passes
 * itself (the store's own pass is an hour away).
 */
class ReleasingEventStoreTest {

    private static final int CACHED = 4;

    private final ReleasingEventStore store = new ReleasingEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).cachedEvents(CACHED), Duration.ofHours(1));
    private final List<BlockingStream<TrackedEventMessage<?>>> streams = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();

    @AfterEach
    void shutDown() {
        streams.forEach(BlockingStream::close);
        store.shutDown();
    }

    @Test
    void aProcessorKeepingUpReceivesEveryEventWhileTheDroppedOnesAreReleased() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> processor = open();
        assertThat(publishAndRead(processor, 0, 1)).containsExactly("event-0");
        store.releaseDropped();

        assertThat(publishAndRead(processor, 1, 20)).isEqualTo(events(1, 20));
        awaitReleased(20 - CACHED);

        assertThat(publishAndRead(processor, 20, 30)).isEqualTo(events(20, 30));
    }

    @Test
    void aDroppedEventNoLongerLinksToTheCacheWhileTheCachedOnesStayLinked() throws InterruptedException {
        EventCacheInternals cache = EventCacheInternals.find();
        BlockingStream<TrackedEventMessage<?>> processor = open();
        publishAndRead(processor, 0, 1);
        Object first = cache.head(store);
        store.releaseDropped();
        publishAndRead(processor, 1, 10);
        assertThat(cache.next(first)).as("a dropped event, not yet released").isNotNull();

        awaitReleased(10 - CACHED);

        assertThat(cache.next(first)).isNull();
        Object head = cache.head(store);
        assertThat(cache.index(head)).isEqualTo(10 - CACHED);
        for (int i = 1; i < CACHED; i++) {
            head = cache.next(head);
            assertThat(head).as("cached event %d", 10 - CACHED + i).isNotNull();
        }
    }

    @Test
    void aProcessorLeftOnAReleasedEventCatchesUpFromTheStorageEngine() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> behind = open();
        BlockingStream<TrackedEventMessage<?>> keepingUp = open();
        assertThat(publishAndRead(keepingUp, 0, 2)).isEqualTo(events(0, 2));
        assertThat(read(behind, 2)).isEqualTo(events(0, 2));
        store.releaseDropped();

        assertThat(publishAndRead(keepingUp, 2, 20)).isEqualTo(events(2, 20));
        awaitReleased(20 - CACHED);

        assertThat(read(behind, 18)).isEqualTo(events(2, 20));
        publish(20, 25);
        assertThat(read(behind, 5)).isEqualTo(events(20, 25));
    }

    @Test
    void nothingIsReleasedWhileEveryEventIsInTheCache() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> processor = open();
        publishAndRead(processor, 0, 1);
        store.releaseDropped();

        assertThat(publishAndRead(processor, 1, CACHED)).isEqualTo(events(1, CACHED));
        assertThat(store.releaseDropped()).isZero();
    }

    @Test
    void aStreamRunsItsAvailabilityCallbackWhenTheProducerReadsAnEventThenHasIt() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> processor = open();
        AtomicInteger wakeUps = new AtomicInteger();
        assertThat(processor.setOnAvailableCallback(wakeUps::incrementAndGet)).isTrue();
        assertThat(processor.hasNextAvailable()).isFalse();

        publish(0, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() > 0);
        assertThat(processor.hasNextAvailable()).as("asked at once, without a timeout").isTrue();
        assertThat(processor.nextAvailable().getPayload()).isEqualTo("event-0");
        assertThat(processor.hasNextAvailable()).isFalse();
    }

    @Test
    void whileEventsKeepComingAStreamIsWokenAWindowAfterItRanDryWithAllThatArrivedMeanwhile()
            throws InterruptedException {
        Duration window = Duration.ofMillis(300);
        List<Long> wakeUps = new CopyOnWriteArrayList<>();
        long[] ranDry = new long[1];
        List<String> taken = publishWhileDryAndRead(Duration.ofHours(1), window, wakeUps, ranDry);

        assertThat(taken).isEqualTo(events(1, 4));
        assertThat(Duration.ofNanos(wakeUps.get(0) - ranDry[0])).as("woken when the window ended")
                .isGreaterThanOrEqualTo(window);
    }

    @Test
    void aStreamIsWokenWhenEventsPauseBeforeItsWindowEnds() throws InterruptedException {
        List<Long> wakeUps = new CopyOnWriteArrayList<>();
        List<String> taken = publishWhileDryAndRead(Duration.ofMillis(200), Duration.ofHours(1), wakeUps,
                new long[1]);

        assertThat(taken).isEqualTo(events(1, 4));
        assertThat(wakeUps).hasSize(1);
    }

    /**
     * A stream reads event-0 and runs dry; events 1-3 are published; once it is woken (its wake-ups
     * recorded), what it has at once is read.
     */
    private List<String> publishWhileDryAndRead(Duration pause, Duration window, List<Long> wakeUps, long[] ranDry)
            throws InterruptedException {
        ReleasingEventStore timed = new ReleasingEventStore(EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).cachedEvents(CACHED), Duration.ofHours(1), pause, window);
        try {
            BlockingStream<TrackedEventMessage<?>> processor = timed.openStream(null);
            assertThat(processor.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            timed.publish(GenericEventMessage.asEventMessage("event-0"));
            assertThat(read(processor, 1)).containsExactly("event-0");
            processor.setOnAvailableCallback(() -> wakeUps.add(System.nanoTime()));
            ranDry[0] = System.nanoTime();
            assertThat(processor.hasNextAvailable()).isFalse();

            IntStream.range(1, 4).forEach(i -> timed.publish(GenericEventMessage.asEventMessage("event-" + i)));

            await().atMost(Duration.ofSeconds(5)).until(() -> !wakeUps.isEmpty());
            List<String> taken = new ArrayList<>();
            while (processor.hasNextAvailable()) {
                taken.add((String) processor.nextAvailable().getPayload());
            }
            processor.close();
            return taken;
        } finally {
            timed.shutDown();
        }
    }

    @Test
    void aClosedStreamIsNoLongerWoken() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> closed = open();
        AtomicInteger wakeUps = new AtomicInteger();
        closed.setOnAvailableCallback(wakeUps::incrementAndGet);
        closed.close();
        BlockingStream<TrackedEventMessage<?>> open = open();

        assertThat(publishAndRead(open, 0, 3)).isEqualTo(events(0, 3));
        assertThat(wakeUps).hasValue(0);
    }

    /** A stream that has read all there is, so that it tails the store's cache (which starts the producer). */
    private BlockingStream<TrackedEventMessage<?>> open() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
        streams.add(stream);
        assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        return stream;
    }

    private void publish(int from, int to) {
        IntStream.range(from, to).forEach(i -> store.publish(GenericEventMessage.asEventMessage("event-" + i)));
    }

    /**
     * One event at a time, each read before the next is published: with a cache this small, a burst
     * would leave the stream behind the cache (reading from the storage engine, which stops the
     * store's producer while no stream tails it).
     */
    private List<String> publishAndRead(BlockingStream<TrackedEventMessage<?>> stream, int from, int to)
            throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        for (int i = from; i < to; i++) {
            publish(i, i + 1);
            payloads.addAll(read(stream, 1));
        }
        return payloads;
    }

    private static List<String> read(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        while (payloads.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            payloads.add((String) stream.nextAvailable().getPayload());
        }
        return payloads;
    }

    private static List<String> events(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event-" + i).toList();
    }

    /** The producer trims its cache after handing an event on, so the last drops come a moment later. */
    private void awaitReleased(int expected) {
        await().atMost(Duration.ofSeconds(5)).until(() -> released.addAndGet(store.releaseDropped()) >= expected);
        assertThat(released).hasValue(expected);
    }
}
