package com.dinsight.api.config;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A configuration version came into being. Carries the whole configuration, so a reader never
 * needs an earlier version, and the version number the write model assigned (1, 2, 3, ...).
 */
@Revision("1")
public record ConfigUpdated(String configId, int version, ProcessingConfig config, Instant createdAt) {
}
