package com.dinsight.api.monitoring;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AnomalyAcknowledged(UUID dinsightId, UUID anomalyId, UUID acknowledgedBy, Instant acknowledgedAt) {
}
