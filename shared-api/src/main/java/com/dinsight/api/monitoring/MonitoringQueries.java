package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The queries of monitoring and anomalies, and what they answer. */
public final class MonitoringQueries {

    private MonitoringQueries() {
    }

    /** A page of a baseline's points in process order; empty Optional when the caller may not see it. */
    public record FetchMonitorPoints(Caller caller, UUID dinsightId, int page, int size) {
    }

    public record MonitorPointView(UUID monitorId, int processOrder, double dinsightX, double dinsightY,
                                   Map<String, Object> metadata, Instant createdAt) {
    }

    public record MonitorPointPage(List<MonitorPointView> items, int page, int size, long total) {
    }

    public record FetchMonitorCoordinates(Caller caller, UUID dinsightId) {
    }

    /**
     * A live feed of a baseline's points after {@code afterOrder} (-1: from the start): the initial
     * answer is the points already stored (at most 10,000), updates are each new point.
     */
    public record StreamMonitorPoints(Caller caller, UUID dinsightId, int afterOrder) {
    }

    public record Coordinates(double[] dinsightX, double[] dinsightY) {
    }

    /** Anomalies of the caller's datasets, newest first, filtered by whatever is not null. */
    public record FetchAnomalies(Caller caller, UUID datasetId, String severity, Boolean acknowledged, Instant from,
                                 Instant to, int page, int size) {
    }

    public record AnomalyView(UUID id, UUID analysisId, UUID datasetId, Instant timestamp, String severity,
                              double distance, double threshold, List<Map<String, Object>> features,
                              Map<String, Object> metadata, boolean acknowledged, UUID acknowledgedBy,
                              Instant acknowledgedAt, Instant createdAt) {
    }

    public record AnomalyPage(List<AnomalyView> items, int page, int size, long total) {
    }

    /** The comparison summary of a baseline's monitoring points under the given (or the dataset's) thresholds. */
    public record CompareMonitoring(Caller caller, UUID dinsightId, Double anomalyThreshold, Double sensitivityFactor) {
    }

    public record Statistics(double meanDistance, double stdDistance, double maxDistance) {
    }

    public record AnomalousPoint(UUID monitorId, int processOrder, double dinsightX, double dinsightY,
                                 double mahalanobisDistance, double zmax) {
    }

    public record Comparison(long totalPoints, long anomalyCount, double anomalyPercentage, double threshold,
                             double zThreshold, double sensitivityFactor, double centroidDistance, Statistics statistics,
                             List<AnomalousPoint> anomalies) {
    }

    public record FetchThresholds(Caller caller, UUID datasetId) {
    }
}
