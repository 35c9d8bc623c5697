package com.dinsight.api.alert;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the alert policy when a rule with no open alert matches points; the alert's id is derived
 * from the rule and the first matching point, so a batch delivered twice raises it once.
 */
public record RaiseAlert(@TargetAggregateIdentifier UUID alertId, UUID ruleId, UUID datasetId, UUID ownerId,
                         String ruleName, String severity, List<MatchedPoint> points) {
}
