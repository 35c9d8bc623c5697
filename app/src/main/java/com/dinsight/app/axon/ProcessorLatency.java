package com.dinsight.app.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's latency gauge as Axon 4.13's {@code EventProcessorLatencyMonitor} reports it: the
 * same name, tags and value, the age of the last event the processor took up (wall clock minus the
 * event's timestamp, in milliseconds); its gauge looked up once per payload type ({@link SharedGauges}).
 * The tags must depend on the payload type alone, as with {@link MessageMeters}.
 */
final class ProcessorLatency implements MessageMonitor<EventMessage<?>> {

    private final String gaugeName;
    private final Function<Message<?>, Iterable<Tag>> tags;
    private final SharedGauges gauges;
    private final Clock clock;
    private final Map<Class<?>, AtomicLong> byPayloadType = new ConcurrentHashMap<>();

    ProcessorLatency(String prefix, Function<Message<?>, Iterable<Tag>> tags, SharedGauges gauges) {
        this.gaugeName = prefix + ".latency";
        this.tags = tags;
        this.gauges = gauges;
        this.clock = gauges.clock();
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        if (message != null) {
            AtomicLong millis = byPayloadType.computeIfAbsent(message.getPayloadType(),
                    type -> gauges.of(gaugeName, Tags.of(tags.apply(message)), AtomicLong::new, AtomicLong::get));
            millis.set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
