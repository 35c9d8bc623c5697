package com.dinsight.api.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A dataset as the API shows it. */
public record DatasetView(UUID id, UUID userId, String name, String description, List<String> tags,
                          Map<String, Object> metadata, boolean isActive, Instant lastAnalysisAt, Instant createdAt,
                          Instant updatedAt) {
}
