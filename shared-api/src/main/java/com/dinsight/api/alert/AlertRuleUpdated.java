package com.dinsight.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A rule's whole new state (fields the command left out keep their values here). */
@Revision("1")
public record AlertRuleUpdated(UUID ruleId, UUID datasetId, String name, AlertCondition condition,
                               List<AlertAction> actions, String severity, boolean active, boolean signed,
                               Instant updatedAt) {
}
