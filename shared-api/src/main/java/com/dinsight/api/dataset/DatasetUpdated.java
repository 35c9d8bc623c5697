package com.dinsight.api.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The dataset's description fields after the change, all of them. */
@Revision("1")
public record DatasetUpdated(UUID datasetId, String name, String description, List<String> tags,
                             Map<String, Object> metadata, Instant updatedAt) {
}
