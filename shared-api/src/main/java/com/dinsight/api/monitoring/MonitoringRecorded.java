package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Monitoring points were placed on a baseline, with process orders first..first+n-1 (gap-free per
 * baseline). Large posts become several of these events (at most 500 points each, so no event
 * passes 1 MB); {@code rawOffset} is the index of the first point's row in the {@code rawValues} blob.
 */
@Revision("1")
public record MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                                 StoredFile rawValues, int rawOffset, int features, Instant recordedAt) {
}
