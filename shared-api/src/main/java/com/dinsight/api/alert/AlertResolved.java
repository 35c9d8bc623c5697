package com.dinsight.api.alert;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AlertResolved(UUID alertId, UUID ruleId, UUID datasetId, UUID resolvedBy, String message,
                            Instant resolvedAt) {
}
