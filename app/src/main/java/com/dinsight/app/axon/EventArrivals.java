package com.dinsight.app.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Wakes the processors once new events have come in (decision 54).
 *
 * <p>A pooled processor's coordinator that finds no event waits for its stream's availability
 * callback; a stream without one, as the embedded store's, is polled again after a fixed 500 ms
 * (Axon 4.13's {@code Coordinator}). So an idle processor took up each event 0-500 ms late, at
 * every hop: an analysis's POST to completed passed through three, about 0.75 s of its 0.9 s.
 *
 * <p>Here the producer's reads of the storage engine pass through {@link #engine}, which announces
 * each event once the producer has linked it into the store's cache (so a woken stream finds it);
 * the streams opened by the store ({@link #stream}) take the coordinators' callbacks. A stream with
 * events waiting is woken when they stop coming for {@link #PAUSE}, or {@link #WINDOW} after it last
 * ran dry or was woken, whichever is first; a stream that ran dry longer than that ago is woken at
 * once. Under load events do not pause, and each coordinator takes {@link #WINDOW}'s worth in one
 * batch, as with Axon's poll; a flow's events (an analysis, an alert) are taken up within
 * {@link #PAUSE}. Waking coordinators more often costs dearly under load: at every event (the
 * thirteenth session) or every 100 ms, the processors handled small batches and the application
 * took a fifth to a third fewer posts a second (docs/monitoring-performance.md). Events from any node
 * are announced, since the producer reads them all.
 */
final class EventArrivals {

    /** A stream with events waiting is woken when none has come for this long. */
    static final Duration PAUSE = Duration.ofMillis(50);
    /** ... and at the latest this long after it ran dry or was woken: Axon's own poll interval. */
    static final Duration WINDOW = Duration.ofMillis(500);

    private final long pauseNanos;
    private final long windowNanos;
    private final Set<AnnouncedStream> streams = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService timer;

    /** {@code timer}: where the wake-ups run, owned (and shut down) by the store. */
    EventArrivals(ScheduledExecutorService timer, Duration pause, Duration window) {
        this.timer = timer;
        pauseNanos = pause.toNanos();
        windowNanos = window.toNanos();
    }

    /** The store's storage engine, announcing the events of the producer's (blocking) reads. */
    EventStorageEngine engine(EventStorageEngine delegate) {
        return new AnnouncingEngine(delegate);
    }

    /** A stream of the store that takes an availability callback. */
    TrackingEventStream stream(TrackingEventStream delegate) {
        AnnouncedStream stream = new AnnouncedStream(delegate);
        streams.add(stream);
        return stream;
    }

    void announce() {
        long now = System.nanoTime();
        for (AnnouncedStream stream : streams) {
            stream.arriving(now);
        }
    }

    private final class AnnouncedStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final AtomicBoolean wakePending = new AtomicBoolean();
        private volatile Runnable callback;
        private volatile long lastArrival;
        private volatile long emptySince = System.nanoTime() - windowNanos;
        private volatile long lastWake = emptySince;
        /** When a pending wake-up is due at the latest. */
        private volatile long windowEnd;

        AnnouncedStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        /** On the producer's thread. */
        void arriving(long now) {
            lastArrival = now;
            if (callback == null || !wakePending.compareAndSet(false, true)) {
                return;
            }
            windowEnd = Math.max(emptySince, lastWake) + windowNanos;
            schedule(Math.min(pauseNanos, windowEnd - now));
        }

        /** On the timer's thread: wakes the stream if events paused or the window ended, else looks again. */
        private void check() {
            long now = System.nanoTime();
            long pauseEnd = lastArrival + pauseNanos;
            if (now - pauseEnd >= 0 || now - windowEnd >= 0) {
                lastWake = now;
                wakePending.set(false);
                Runnable onAvailable = callback;
                if (onAvailable != null) {
                    onAvailable.run();
                }
            } else {
                schedule(Math.min(pauseEnd, windowEnd) - now);
            }
        }

        private void schedule(long delayNanos) {
            try {
                timer.schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shutDown) {
                wakePending.set(false);
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            if (delegate.hasNextAvailable()) {
                return true;
            }
            emptySince = System.nanoTime();
            return false;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            streams.remove(this);
            delegate.close();
        }
    }

    /**
     * The producer's read, announcing each event after the producer has handled it: its
     * {@code forEach} links the event into the cache and signals the streams. The source's own
     * traversal is kept (a {@code tryAdvance} loop instead of its {@code forEachRemaining} made the
     * storage engine run one more query per read).
     */
    private final class AnnouncingSpliterator<T> implements Spliterator<T> {

        private final Spliterator<T> source;

        AnnouncingSpliterator(Spliterator<T> source) {
            this.source = source;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            return source.tryAdvance(announcing(action));
        }

        @Override
        public void forEachRemaining(Consumer<? super T> action) {
            source.forEachRemaining(announcing(action));
        }

        private Consumer<T> announcing(Consumer<? super T> action) {
            return event -> {
                action.accept(event);
                announce();
            };
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return source.estimateSize();
        }

        @Override
        public int characteristics() {
            return source.characteristics();
        }
    }

    private final class AnnouncingEngine implements EventStorageEngine {

        private final EventStorageEngine delegate;

        AnnouncingEngine(EventStorageEngine delegate) {
            this.delegate = delegate;
        }

        /** The producer reads with {@code mayBlock}; the streams of processors behind the cache do not. */
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
            if (!mayBlock) {
                return events;
            }
            return StreamSupport.stream(new AnnouncingSpliterator<>(events.spliterator()), false).onClose(events::close);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            delegate.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            delegate.storeSnapshot(snapshot);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier) {
            return delegate.readEvents(aggregateIdentifier);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return delegate.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return delegate.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return delegate.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return delegate.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return delegate.createTokenAt(dateTime);
        }
    }
}
