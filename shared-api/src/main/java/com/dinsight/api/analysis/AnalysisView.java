package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** GET /analyses/{id}. {@code progress} is 0..1; {@code error} is set when status is failed. */
public record AnalysisView(UUID id, UUID datasetId, UUID fileUploadId, UUID dinsightId, String analysisType,
                           String status, double progress, Map<String, Object> results, String error,
                           Instant createdAt, Instant completedAt) {
}
