package com.dinsight.app.evolution;

import com.dinsight.api.identity.RoleChanged;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * {@link RoleChanged} revision 1 {@code {userId, role, changedBy, changedAt}} to revision 2
 * {@code {userId, previousRole, newRole, changedBy, changedAt}}: {@code role} is renamed
 * {@code newRole}; {@code previousRole} was never recorded and the event alone cannot tell it, so it
 * becomes an explicit null ("not recorded") and readers show the change without its origin.
 */
@Component
public class RoleChangedUpcaster extends JsonRevisionUpcaster {

    public RoleChangedUpcaster() {
        super(RoleChanged.class, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode revision1) {
        ObjectNode revision2 = revision1.objectNode();
        revision2.set("userId", revision1.get("userId"));
        revision2.putNull("previousRole");
        revision2.set("newRole", revision1.get("role"));
        revision2.set("changedBy", revision1.get("changedBy"));
        revision2.set("changedAt", revision1.get("changedAt"));
        return revision2;
    }
}
