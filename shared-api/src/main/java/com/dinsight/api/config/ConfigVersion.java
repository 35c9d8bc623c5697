package com.dinsight.api.config;

import java.time.Instant;

/** One stored configuration version, as commands answer it and queries read it. */
public record ConfigVersion(int id, ProcessingConfig config, Instant createdAt) {

    public static ConfigVersion of(ConfigUpdated event) {
        return new ConfigVersion(event.version(), event.config(), event.createdAt());
    }
}
