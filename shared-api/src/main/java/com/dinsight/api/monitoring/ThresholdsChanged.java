package com.dinsight.api.monitoring;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ThresholdsChanged(UUID datasetId, Double anomalyThreshold, double sensitivityFactor, UUID changedBy,
                                Instant changedAt) {
}
