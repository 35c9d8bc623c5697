package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An admin changed the user's role. */
@Revision("1")
public record RoleChanged(UUID userId, String role, UUID changedBy, Instant changedAt) {
}
