package com.dinsight.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

/** MessageMeters registers and counts what Axon's counting and timer monitors do, for the same messages. */
class MessageMetersTest {

    private static final Function<Message<?>, Iterable<Tag>> TAGS =
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName(), "processorName", "audit");

    @Test
    void counts_and_times_each_payload_type_under_axons_names_and_tags() {
        SimpleMeterRegistry axons = new SimpleMeterRegistry();
        SimpleMeterRegistry ours = new SimpleMeterRegistry();

        feed(new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor("eventProcessor", axons, TAGS),
                MessageCountingMonitor.buildMonitor("eventProcessor", axons, TAGS)));
        feed(new MessageMeters("eventProcessor", ours, TAGS));

        assertThat(snapshot(ours)).isEqualTo(snapshot(axons))
                .containsEntry("eventProcessor.successCounter[payloadType=String,processorName=audit]", 3.0)
                .containsEntry("eventProcessor.processedCounter[payloadType=Integer,processorName=audit]", 2.0)
                .containsEntry("eventProcessor.ignoredTimer[payloadType=String,processorName=audit]", 2.0);
        Timer timer = ours.get("eventProcessor.allTimer").tag("payloadType", "String").timer();
        assertThat(timer.takeSnapshot().percentileValues()).hasSize(6);
    }

    @Test
    void the_event_bus_counts_without_tags_and_times_with_them() {
        SimpleMeterRegistry axons = new SimpleMeterRegistry();
        SimpleMeterRegistry ours = new SimpleMeterRegistry();

        feed(new MultiMessageMonitor<>(MessageCountingMonitor.buildMonitor("eventStore", axons),
                MessageTimerMonitor.buildMonitor("eventStore", axons, TAGS)));
        feed(new MessageMeters("eventStore", ours, message -> Tags.empty(), TAGS));

        assertThat(snapshot(ours)).isEqualTo(snapshot(axons)).containsEntry("eventStore.ingestedCounter[]", 7.0);
    }

    /** Three successes and two ignored of one payload type, a failure and a success of another. */
    private static void feed(MessageMonitor<? super Message<?>> monitor) {
        for (int i = 0; i < 3; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("row " + i)).reportSuccess();
        }
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(7)).reportFailure(new IllegalStateException());
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(8)).reportSuccess();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("a")).reportIgnored();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("b")).reportIgnored();
    }

    /** Every meter by name and tags: a counter's count, a timer's number of recordings, 0 for a percentile gauge. */
    private static Map<String, Double> snapshot(MeterRegistry registry) {
        Map<String, Double> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String key = meter.getId().getName() + meter.getId().getTags().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).toList().toString().replace(" ", "");
            double value = meter instanceof Counter counter ? counter.count()
                    : meter instanceof Timer timer ? timer.count() : 0;
            meters.put(key, value);
        }
        return meters;
    }
}
