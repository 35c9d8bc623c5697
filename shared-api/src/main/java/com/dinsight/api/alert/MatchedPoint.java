package com.dinsight.api.alert;

import java.time.Instant;
import java.util.UUID;

/** A monitoring point that matched a rule: enough to find it again and to show why it matched. */
public record MatchedPoint(UUID monitorId, UUID dinsightId, int processOrder, Instant timestamp,
                           double mahalanobisDistance, boolean anomalous, String severity, UUID anomalyId) {
}
