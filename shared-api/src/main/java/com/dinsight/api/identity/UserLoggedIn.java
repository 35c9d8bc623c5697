package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A login succeeded and started a session; its refresh token is stored only as a hash. */
@Revision("1")
public record UserLoggedIn(UUID userId, UUID sessionId, String refreshTokenHash, Instant expiresAt, boolean rememberMe, Instant loggedInAt) {
}
