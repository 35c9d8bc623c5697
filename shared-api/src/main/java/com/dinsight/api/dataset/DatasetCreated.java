package com.dinsight.api.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DatasetCreated(UUID datasetId, UUID ownerId, String name, String description, List<String> tags,
                             Map<String, Object> metadata, Instant createdAt) {
}
