package com.dinsight.app.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Upcasts one event class from one revision to the next by rewriting its JSON payload. Axon's
 * Spring Boot auto-configuration registers every {@code EventUpcaster} bean with the event store,
 * so aggregates and event processors both read the new revision only.
 */
abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;

    JsonRevisionUpcaster(Class<?> eventClass, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(eventClass.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventClass.getName(), toRevision);
    }

    /** The payload of the new revision, from that of the old one (which may be changed in place). */
    protected abstract ObjectNode upcast(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> upcast((ObjectNode) payload));
    }
}
