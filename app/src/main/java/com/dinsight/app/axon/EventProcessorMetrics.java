package com.dinsight.app.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer metrics, under Axon's names and tags, with two changes:
 * <ul>
 *   <li>event processors have no capacity gauge. Axon's capacity monitor keeps every handled
 *       message's timing for a sliding minute in a skip list: at 1,000 monitoring posts a second and
 *       five processors, about 300,000 entries that each outlive several young collections, are copied
 *       by them and end in the old generation (decision 44). Message counts, handling times and
 *       processor latency stay;</li>
 *   <li>message counts and timings come from {@link MessageMeters}, which looks a payload type's
 *       meters up once instead of at every message (decision 51); likewise the processors' latency
 *       and the buses' and the query update emitter's capacity gauges ({@link ProcessorLatency}, {@link BusCapacity}, decision 52).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorMetrics {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters) {
        return new LeanMetricRegistry(meters);
    }

    static final class LeanMetricRegistry extends GlobalMetricRegistry {

        private final SharedGauges gauges;

        LeanMetricRegistry(MeterRegistry meters) {
            super(meters);
            this.gauges = new SharedGauges(meters);
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
                    new MessageMeters(name, getRegistry(), tags),
                    new ProcessorLatency(name, latencyTags, gauges)));
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                Function<Message<?>, Iterable<Tag>> tags) {
            return withCapacity(name, tags);
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name,
                Function<Message<?>, Iterable<Tag>> tags) {
            return withCapacity(name, tags);
        }

        /** As Axon's: its event bus counts messages without tags. */
        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventBus(String name,
                Function<Message<?>, Iterable<Tag>> tags) {
            return new MessageMeters(name, getRegistry(), message -> Tags.empty(), tags);
        }

        /**
         * The query update emitter's monitors, as Axon builds them, but with the capacity gauge
         * registered once: Axon's registered it again at every update sent to a subscription, with a
         * Micrometer warning in the log.
         */
        @Override
        public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType, String name) {
            if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
                return withCapacity(name, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
            }
            return super.registerComponentWithDefaultTags(componentType, name);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String name) {
            if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
                return withCapacity(name, message -> Tags.empty());
            }
            return super.registerComponent(componentType, name);
        }

        private MessageMonitor<Message<?>> withCapacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return new MultiMessageMonitor<>(List.of(new MessageMeters(name, getRegistry(), tags),
                    new BusCapacity(name, tags, gauges)));
        }
    }
}
