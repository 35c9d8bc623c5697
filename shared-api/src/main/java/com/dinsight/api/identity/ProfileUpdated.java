package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user changed their profile. */
@Revision("1")
public record ProfileUpdated(UUID userId, String fullName, Instant updatedAt) {
}
