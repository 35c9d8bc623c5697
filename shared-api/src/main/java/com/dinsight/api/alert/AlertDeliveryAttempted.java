package com.dinsight.api.alert;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** One attempt at one action of an alert: outcome delivered, retrying or failed (no more attempts). */
@Revision("1")
public record AlertDeliveryAttempted(UUID alertId, UUID datasetId, int action, String type, String target, int attempt,
                                     String outcome, Integer statusCode, String error, Instant attemptedAt) {
}
