package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** GET /dashboard/summary: one entry per dataset of the caller. */
public final class DashboardQueries {

    private DashboardQueries() {
    }

    public record FetchDashboardSummary(Caller caller) {
    }

    public record LatestBaseline(UUID dinsightId, UUID analysisId, Instant completedAt) {
    }

    public record DatasetSummary(UUID datasetId, String name, boolean isActive, LatestBaseline latestBaseline,
                                 long monitoringPoints, Map<String, Long> anomaliesLastDay,
                                 Map<String, Long> anomaliesLastWeek, long activeAlerts) {
    }

    public record DashboardSummary(List<DatasetSummary> datasets, Instant generatedAt) {
    }
}
