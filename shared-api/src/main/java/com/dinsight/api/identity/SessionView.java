package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;

/** One refresh-token session of a user. */
public record SessionView(UUID id, Instant createdAt, Instant expiresAt) {
}
