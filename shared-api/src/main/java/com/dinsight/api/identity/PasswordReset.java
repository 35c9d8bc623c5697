package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The password was reset with a reset token. */
@Revision("1")
public record PasswordReset(UUID userId, Instant resetAt) {
}
