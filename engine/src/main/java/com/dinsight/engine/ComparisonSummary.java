package com.dinsight.engine;

/**
 * A baseline against a set of monitoring points (section 3.7; the shape of
 * POST /analytics/anomaly-detection): counts, the thresholds used, the distance between the
 * two centroids in 2D, and mean, population standard deviation and max of the Mahalanobis
 * distances. All zero for an empty set.
 */
public record ComparisonSummary(int totalPoints, int anomalyCount, double anomalyPercentage, double threshold,
                                double zThreshold, double centroidDistance, double meanDistance,
                                double stdDistance, double maxDistance) {
}
