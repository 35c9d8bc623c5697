package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;

/** A user as the read model holds them; never with a password hash. */
public record UserView(UUID id, String email, String fullName, String role, boolean isActive,
                       boolean emailVerified, Instant lastLogin, Instant createdAt, Instant updatedAt) {
}
