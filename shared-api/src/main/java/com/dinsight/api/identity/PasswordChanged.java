package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user changed their password. */
@Revision("1")
public record PasswordChanged(UUID userId, Instant changedAt) {
}
