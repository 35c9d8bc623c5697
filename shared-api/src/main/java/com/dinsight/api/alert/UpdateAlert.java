package com.dinsight.api.alert;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * More points matched the rule of an open alert. Answers false when the alert is resolved (the
 * policy then raises a new one); points the alert already counted are ignored.
 */
public record UpdateAlert(@TargetAggregateIdentifier UUID alertId, List<MatchedPoint> points) {
}
