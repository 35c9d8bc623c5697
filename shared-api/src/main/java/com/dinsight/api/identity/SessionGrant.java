package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;

/** What a successful login or refresh answers to the REST layer, which then issues the tokens. */
public record SessionGrant(UUID userId, UUID sessionId, String email, String fullName, String role,
                           Instant refreshExpiresAt) {
}
