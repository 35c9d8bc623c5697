package com.dinsight.engine;

import java.util.List;

/**
 * A monitoring row placed and scored: its 2D point, Mahalanobis distance, zmax, the
 * thresholds it was compared with (after overrides and the sensitivity factor), the verdict
 * and the five contributing features.
 */
public record RowScore(double x, double y, double mahalanobisDistance, double zmax, double mdThreshold,
                       double zThreshold, boolean anomalous, Severity severity,
                       List<ContributingFeature> contributing) {
}
