package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BaselineRegistered(UUID dinsightId, UUID analysisId, UUID datasetId, UUID ownerId, StoredFile result,
                                 Instant registeredAt) {
}
