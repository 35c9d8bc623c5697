package com.dinsight.app.axon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Wakes the processors as soon as the store's producer reads new events (decision 54).
 *
 * <p>A pooled processor's coordinator that finds no event waits for its stream's availability
 * callback, and a stream without one, as the embedded store's, is polled again after a fixed 500 ms
 * (Axon 4.13's {@code Coordinator}). So an idle processor took up each event 0-500 ms late, at
 * every hop: an analysis's POST to completed passed through three, about 0.75 s of its 0.9 s.
 *
 * <p>Here the producer's reads of the storage engine pass through {@link #engine}, which announces
 * each event it yields; the streams opened by the store ({@link #stream}) take the coordinators'
 * callbacks and run them at each announcement. The producer links the event into the store's cache
 * a moment after it has been yielded, so a stream asked right after an announcement and finding
 * nothing waits up to {@link #ARRIVAL_WAIT_MILLIS} for it. Events from any node are announced, since
 * the producer reads them all.
 */
final class EventArrivals {

    /** How long a stream waits, after an announcement, for the announced event to reach it. */
    static final int ARRIVAL_WAIT_MILLIS = 100;

    private final Set<AnnouncedStream> streams = new CopyOnWriteArraySet<>();

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
        for (AnnouncedStream stream : streams) {
            stream.arriving();
        }
    }

    private final class AnnouncedStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final AtomicBoolean announced = new AtomicBoolean();
        private volatile Runnable callback;

        AnnouncedStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        void arriving() {
            announced.set(true);
            Runnable onAvailable = callback;
            if (onAvailable != null) {
                onAvailable.run();
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
            if (!announced.getAndSet(false)) {
                return false;
            }
            try {
                return delegate.hasNextAvailable(ARRIVAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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

    private final class AnnouncingEngine implements EventStorageEngine {

        private final EventStorageEngine delegate;

        AnnouncingEngine(EventStorageEngine delegate) {
            this.delegate = delegate;
        }

        /** The producer reads with {@code mayBlock}; the streams of processors behind the cache do not. */
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
            return mayBlock ? events.peek(event -> announce()) : events;
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
