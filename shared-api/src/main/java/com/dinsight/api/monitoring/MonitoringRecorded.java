package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Monitoring points were placed on a baseline, with process orders first..first+n-1 (gap-free per
 * baseline). Large posts become several of these events (at most 500 points each, so no event
 * passes 1 MB); their raw rows are in the {@code rawValues} blob, from row {@code rawOffset} on.
 * Small posts carry their raw rows in {@code rawRows} instead (no blob, no file sync per post).
 */
@Revision("1")
public record MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                                 StoredFile rawValues, int rawOffset, int features, Instant recordedAt,
                                 List<double[]> rawRows) {

    /** A batch whose raw rows are in a blob. */
    public MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                              StoredFile rawValues, int rawOffset, int features, Instant recordedAt) {
        this(dinsightId, analysisId, datasetId, points, rawValues, rawOffset, features, recordedAt, null);
    }
}
