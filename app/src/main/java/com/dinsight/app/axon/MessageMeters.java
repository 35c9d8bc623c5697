package com.dinsight.app.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's message counters and timers ({@code MessageCountingMonitor} and {@code MessageTimerMonitor}:
 * the same meter names, tags, percentiles and counts), with the meters of a payload type looked up
 * once. Axon's monitors ask the registry for every meter again at every message, nine lookups of a
 * name and its tags per message, so with a processor's and the buses' monitors they were 2.7% of the
 * application's CPU under the monitoring load, part of it on the recorder's serial drain (decision
 * 51). The tags must depend on the payload type alone, as Axon's default taggers' do (the payload
 * type, and the processor's name, which is the same for all of a monitor's messages).
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> counterTags;
    private final Function<Message<?>, Iterable<Tag>> timerTags;
    private final Clock clock;
    private final Map<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();

    /** Counters and timers with the same tags, as an event processor's and the command bus's. */
    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
        this(prefix, registry, tags, tags);
    }

    /** Axon's event bus counts its messages without tags and times them with. */
    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> counterTags,
                  Function<Message<?>, Iterable<Tag>> timerTags) {
        this.prefix = prefix;
        this.registry = registry;
        this.counterTags = counterTags;
        this.timerTags = timerTags;
        this.clock = registry.config().clock();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), type -> meters(message));
        meters.ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.processed.increment();
                meters.success.increment();
                record(meters.successTimer);
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.processed.increment();
                meters.failure.increment();
                record(meters.failureTimer);
            }

            @Override
            public void reportIgnored() {
                meters.ignored.increment();
                record(meters.ignoredTimer);
            }

            private void record(Timer outcome) {
                long nanos = clock.monotonicTime() - start;
                meters.allTimer.record(nanos, TimeUnit.NANOSECONDS);
                outcome.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Meters meters(Message<?> message) {
        Iterable<Tag> counted = counterTags.apply(message);
        Iterable<Tag> timed = timerTags.apply(message);
        return new Meters(counter("ingestedCounter", counted), counter("successCounter", counted),
                counter("failureCounter", counted), counter("processedCounter", counted),
                counter("ignoredCounter", counted), timer("allTimer", timed), timer("successTimer", timed),
                timer("failureTimer", timed), timer("ignoredTimer", timed));
    }

    private Counter counter(String name, Iterable<Tag> tags) {
        return registry.counter(prefix + "." + name, tags);
    }

    /** As Axon's MessageTimerMonitor builds them. */
    private Timer timer(String name, Iterable<Tag> tags) {
        return Timer.builder(prefix + "." + name).distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999).tags(tags).register(registry);
    }

    private record Meters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          Timer allTimer, Timer successTimer, Timer failureTimer, Timer ignoredTimer) {
    }
}
