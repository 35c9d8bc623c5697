package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user registered. Carries no password hash; the verification token only as a hash. */
@Revision("1")
public record UserRegistered(UUID userId, String email, String fullName, String role, String verificationTokenHash, Instant verificationExpiresAt, Instant registeredAt) {
}
