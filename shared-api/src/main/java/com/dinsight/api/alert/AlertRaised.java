package com.dinsight.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A rule matched and had no open alert. {@code anomalyId} is the first anomaly among the points
 * (null when none was anomalous, e.g. an anomaly-rate rule); {@code worstSeverity} the worst point
 * severity; {@code points} the matching points (at most {@value #MAX_POINTS}, {@code count} all of them);
 * {@code lastProcessOrders} the last process order counted per baseline (points up to it are not counted again).
 */
@Revision("1")
public record AlertRaised(UUID alertId, UUID ruleId, UUID datasetId, UUID ownerId, String ruleName, String severity,
                          UUID anomalyId, int count, Instant firstSeen, Instant lastSeen, String worstSeverity,
                          List<MatchedPoint> points,
                          java.util.Map<UUID, Integer> lastProcessOrders, Instant raisedAt) {

    public static final int MAX_POINTS = 50;
}
