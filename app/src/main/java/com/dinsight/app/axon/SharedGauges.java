package com.dinsight.app.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.axonframework.messaging.Message;

/**
 * The gauges of Axon's latency and capacity monitors, registered once per name and tags, each reading
 * one state object that every monitor reporting under that name and tags shares. Axon's monitors register
 * their gauge again at every message: a meter lookup by name and tags each time, and Micrometer's warning
 * {@code This Gauge has been already registered} in every log (decision 52).
 */
final class SharedGauges {

    private final MeterRegistry registry;
    private final Map<GaugeKey, Object> states = new ConcurrentHashMap<>();

    SharedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    Clock clock() {
        return registry.config().clock();
    }

    /** The state the gauge {@code name} with {@code tags} reads through {@code value}; made and registered once. */
    @SuppressWarnings("unchecked")
    private <T> T of(String name, Tags tags, Supplier<T> newState, ToDoubleFunction<T> value) {
        return (T) states.computeIfAbsent(new GaugeKey(name, tags), key -> {
            T state = newState.get();
            Gauge.builder(name, state, value).strongReference(true).tags(tags).register(registry);
            return state;
        });
    }

    /**
     * One monitor's view of the gauges {@code name}: the state for a message, looked up once per payload
     * type. The tags must depend on the payload type alone, as with {@link MessageMeters}.
     */
    <T> Function<Message<?>, T> perPayloadType(String name, Function<Message<?>, Iterable<Tag>> tags,
                                               Supplier<T> newState, ToDoubleFunction<T> value) {
        Map<Class<?>, T> byPayloadType = new ConcurrentHashMap<>();
        return message -> byPayloadType.computeIfAbsent(message.getPayloadType(),
                type -> of(name, Tags.of(tags.apply(message)), newState, value));
    }

    private record GaugeKey(String name, Tags tags) {
    }
}
