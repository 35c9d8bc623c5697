package com.dinsight.app.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer metrics for event processors, without the capacity gauge. Axon's capacity monitor
 * keeps every handled message's timing for a sliding minute in a skip list: at 1,000 monitoring posts a
 * second and five processors, about 300,000 entries that each outlive several young collections, are
 * copied by them and end in the old generation (decision 44). Message counts, handling times and
 * processor latency stay, under Axon's names.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorMetrics {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters) {
        return new WithoutCapacity(meters);
    }

    static final class WithoutCapacity extends GlobalMetricRegistry {

        WithoutCapacity(MeterRegistry meters) {
            super(meters);
        }

        /** Without dimensions ({@code axon.metrics.micrometer.dimensional=false}): the same monitors, untagged. */
        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
            return registerEventProcessor(name, message -> Tags.empty(), message -> Tags.empty());
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name,
                Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                    EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                            .tagsBuilder(latencyTags).build(),
                    MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
        }
    }
}
