package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A wrong password; lockedUntil is set when this failure locked the account. */
@Revision("1")
public record LoginFailed(UUID userId, int consecutiveFailures, Instant lockedUntil, Instant failedAt) {
}
