package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A session ended before its expiry: logout, password change or reset, deactivation, or token reuse. */
@Revision("1")
public record SessionRevoked(UUID userId, UUID sessionId, String reason, Instant revokedAt) {
}
