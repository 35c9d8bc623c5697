package com.dinsight.api.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One monitoring row as placed and scored by the command side (dinsight-algorithm.md sections 2
 * and 3). {@code anomalyId} is set exactly when the point is anomalous. Projections store these
 * values; they never recompute them.
 */
public record MonitoringPoint(UUID monitorId, int processOrder, Instant timestamp, double x, double y,
                              double mahalanobisDistance, double zmax, boolean anomalous, String severity,
                              double mdThreshold, double zThreshold, List<Contribution> contributing,
                              Map<String, String> metadata, UUID anomalyId) {
}
