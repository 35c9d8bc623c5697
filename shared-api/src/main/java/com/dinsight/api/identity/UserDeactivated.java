package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An admin deactivated the user. */
@Revision("1")
public record UserDeactivated(UUID userId, UUID deactivatedBy, Instant deactivatedAt) {
}
