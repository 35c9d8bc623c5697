package com.dinsight.app.evolution;

import com.dinsight.api.identity.RoleChanged;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@link RoleChanged} revision 1 {@code {userId, role, changedBy, changedAt}} to revision 2
 * {@code {userId, previousRole, newRole, changedBy, changedAt}}: {@code role} is renamed
 * {@code newRole}; {@code previousRole} was never recorded and the event alone cannot tell it, so it
 * becomes an explicit null ("not recorded") and readers show the change without its origin. Axon's
 * Spring Boot auto-configuration registers every {@code EventUpcaster} bean with the event store,
 * so aggregates and event processors both read revision 2 only.
 */
@Component
public class RoleChangedUpcaster extends SingleEventUpcaster {

    static final SerializedType REVISION_1 = new SimpleSerializedType(RoleChanged.class.getName(), "1");
    static final SerializedType REVISION_2 = new SimpleSerializedType(RoleChanged.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode revision1 = (ObjectNode) payload;
            ObjectNode revision2 = revision1.objectNode();
            revision2.set("userId", revision1.get("userId"));
            revision2.putNull("previousRole");
            revision2.set("newRole", revision1.get("role"));
            revision2.set("changedBy", revision1.get("changedBy"));
            revision2.set("changedAt", revision1.get("changedAt"));
            return revision2;
        });
    }
}
