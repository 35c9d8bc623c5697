package com.dinsight.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A rule was created. Webhook actions carry no secret; {@code signed} says the rule has one. */
@Revision("1")
public record AlertRuleCreated(UUID ruleId, UUID datasetId, UUID ownerId, String name, AlertCondition condition,
                               List<AlertAction> actions, String severity, boolean active, boolean signed,
                               Instant createdAt) {
}
