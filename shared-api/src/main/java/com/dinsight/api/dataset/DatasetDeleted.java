package com.dinsight.api.dataset;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DatasetDeleted(UUID datasetId, Instant deletedAt) {
}
