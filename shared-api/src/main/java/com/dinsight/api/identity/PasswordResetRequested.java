package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A reset token was issued; stored only as a hash. */
@Revision("1")
public record PasswordResetRequested(UUID userId, String resetTokenHash, Instant expiresAt, Instant requestedAt) {
}
