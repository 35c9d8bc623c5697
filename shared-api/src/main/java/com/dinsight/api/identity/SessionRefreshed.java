package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A session's refresh token rotated. */
@Revision("1")
public record SessionRefreshed(UUID userId, UUID sessionId, String refreshTokenHash, Instant expiresAt, Instant refreshedAt) {
}
