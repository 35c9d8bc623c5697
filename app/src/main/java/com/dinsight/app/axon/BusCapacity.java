package com.dinsight.app.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tag;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;

/**
 * A bus's capacity gauge as Axon 4.13's {@code CapacityMonitor} computes it, under the same name and
 * tags: the time spent handling messages in the window over the window (1 is one thread busy all the
 * time), kept in Axon's sliding-window reservoir; its gauge looked up once per payload type
 * ({@link SharedGauges}) instead of a tag string built and a gauge registered at every message.
 * The window is one minute where Axon's default is ten: the reservoir keeps every message's timing
 * for the window, and at 1,000 monitoring posts a second ten minutes is 600,000 entries that end in
 * the old generation (decision 44); a minute also follows a change of load sooner.
 */
final class BusCapacity implements MessageMonitor<Message<?>> {

    private static final long WINDOW_MINUTES = 1;

    private final Function<Message<?>, SlidingTimeWindowReservoir> handlingTimes;
    private final Clock clock;

    BusCapacity(String prefix, Function<Message<?>, Iterable<Tag>> tags, SharedGauges gauges) {
        this.clock = gauges.clock();
        this.handlingTimes = gauges.perPayloadType(prefix + ".capacity", tags, this::newReservoir,
                BusCapacity::capacity);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        SlidingTimeWindowReservoir reservoir = handlingTimes.apply(message);
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                handled();
            }

            @Override
            public void reportFailure(Throwable cause) {
                handled();
            }

            @Override
            public void reportIgnored() {
                handled();
            }

            private void handled() {
                reservoir.update(clock.monotonicTime() - start);
            }
        };
    }

    private SlidingTimeWindowReservoir newReservoir() {
        return new SlidingTimeWindowReservoir(WINDOW_MINUTES, TimeUnit.MINUTES, clock);
    }

    private static double capacity(SlidingTimeWindowReservoir reservoir) {
        long nanos = 0;
        for (long measurement : reservoir.getMeasurements()) {
            nanos += measurement;
        }
        return (double) nanos / TimeUnit.MINUTES.toNanos(WINDOW_MINUTES);
    }
}
