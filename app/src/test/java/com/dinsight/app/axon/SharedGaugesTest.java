package com.dinsight.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;

/**
 * ProcessorLatency and BusCapacity report what Axon's latency and capacity monitors do for the same
 * messages, with one gauge per name and tags however many monitors report under them.
 */
class SharedGaugesTest {

    private static final Function<Message<?>, Iterable<Tag>> ALERT_LOOKUP =
            message -> Tags.of("processorName", "alert-lookup");
    private static final Function<Message<?>, Iterable<Tag>> BY_PAYLOAD =
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());

    private final MockClock clock = new MockClock();

    @Test
    void latency_is_the_age_of_the_last_event_taken_up_as_axons_monitor_reports_it() {
        SimpleMeterRegistry axons = registry();
        SimpleMeterRegistry ours = registry();

        feedEvents(EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor").meterRegistry(axons)
                .tagsBuilder(ALERT_LOOKUP).clock(clock).build());
        feedEvents(new ProcessorLatency("eventProcessor", ALERT_LOOKUP, new SharedGauges(ours)));

        assertThat(latency(ours)).isEqualTo(latency(axons)).isEqualTo(700.0);
    }

    @Test
    void monitors_that_report_under_the_same_name_and_tags_share_one_gauge() {
        SimpleMeterRegistry registry = registry();
        SharedGauges gauges = new SharedGauges(registry);
        new ProcessorLatency("eventProcessor", ALERT_LOOKUP, gauges)
                .onMessageIngested(event(clock.wallTime() - 90, "rule"));

        feedEvents(new ProcessorLatency("eventProcessor", ALERT_LOOKUP, gauges));

        assertThat(registry.find("eventProcessor.latency").gauges()).hasSize(1);
        assertThat(latency(registry)).isEqualTo(700.0);
    }

    @Test
    void capacity_is_the_handling_time_of_the_last_minute_over_the_minute_as_axons_monitor_reports_it() {
        SimpleMeterRegistry axons = registry();
        SimpleMeterRegistry ours = registry();

        feedCommands(CapacityMonitor.buildMonitor("commandBus", axons, 1, TimeUnit.MINUTES, clock, BY_PAYLOAD));
        feedCommands(new BusCapacity("commandBus", BY_PAYLOAD, new SharedGauges(ours)));

        assertThat(capacity(ours, "String")).isEqualTo(capacity(axons, "String")).isEqualTo(4.5 / 60);
        assertThat(capacity(ours, "Integer")).isEqualTo(capacity(axons, "Integer")).isEqualTo(0.5 / 60);
        assertThat(ours.find("commandBus.capacity").gauges()).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_query_update_emitter_reports_the_meters_axon_registers_for_it() {
        SimpleMeterRegistry axons = registry();
        SimpleMeterRegistry ours = registry();

        feedCommands((MessageMonitor<? super Message<?>>) new GlobalMetricRegistry(axons)
                .registerComponentWithDefaultTags(SimpleQueryUpdateEmitter.class, "queryUpdateEmitter"));
        MessageMonitor<? super Message<?>> lean = (MessageMonitor<? super Message<?>>) new EventProcessorMetrics.LeanMetricRegistry(ours)
                .registerComponentWithDefaultTags(SimpleQueryUpdateEmitter.class, "queryUpdateEmitter");
        feedCommands(lean);

        assertThat(meterIds(ours)).isEqualTo(meterIds(axons)).contains("queryUpdateEmitter.capacity[payloadType=String]");
    }

    private static Set<String> meterIds(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getName() + meter.getId().getTags().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }

    /** Events of two payload types; the last one taken up is 700 ms old when it is. */
    private void feedEvents(MessageMonitor<? super EventMessage<?>> monitor) {
        monitor.onMessageIngested(event(clock.wallTime() - 5_000, "old")).reportSuccess();
        clock.add(2, TimeUnit.SECONDS);
        monitor.onMessageIngested(event(clock.wallTime() - 300, 7)).reportFailure(new IllegalStateException());
        monitor.onMessageIngested(event(clock.wallTime() - 700, "recent")).reportIgnored();
    }

    /** Strings handled for 1, 1.5 and 2 s (one of them failed), an Integer ignored after 0.5 s. */
    private void feedCommands(MessageMonitor<? super Message<?>> monitor) {
        handle(monitor.onMessageIngested(event(0, "a")), 1_000).reportSuccess();
        handle(monitor.onMessageIngested(event(0, "b")), 1_500).reportFailure(new IllegalStateException());
        handle(monitor.onMessageIngested(event(0, 3)), 500).reportIgnored();
        handle(monitor.onMessageIngested(event(0, "c")), 2_000).reportSuccess();
    }

    private MonitorCallback handle(MonitorCallback callback, long millis) {
        clock.add(millis, TimeUnit.MILLISECONDS);
        return callback;
    }

    private static EventMessage<?> event(long epochMillis, Object payload) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(),
                Instant.ofEpochMilli(epochMillis));
    }

    private static double latency(SimpleMeterRegistry registry) {
        return registry.get("eventProcessor.latency").tag("processorName", "alert-lookup").gauge().value();
    }

    private static double capacity(SimpleMeterRegistry registry, String payloadType) {
        return registry.get("commandBus.capacity").tag("payloadType", payloadType).gauge().value();
    }
}
