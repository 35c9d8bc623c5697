package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user proved they own their email address. */
@Revision("1")
public record EmailVerified(UUID userId, Instant verifiedAt) {
}
