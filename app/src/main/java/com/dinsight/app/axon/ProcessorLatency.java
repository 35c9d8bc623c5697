package com.dinsight.app.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tag;
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
 */
final class ProcessorLatency implements MessageMonitor<EventMessage<?>> {

    private final Function<Message<?>, AtomicLong> latencies;
    private final Clock clock;

    ProcessorLatency(String prefix, Function<Message<?>, Iterable<Tag>> tags, SharedGauges gauges) {
        this.latencies = gauges.perPayloadType(prefix + ".latency", tags, AtomicLong::new, AtomicLong::get);
        this.clock = gauges.clock();
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        if (message != null) {
            latencies.apply(message).set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
