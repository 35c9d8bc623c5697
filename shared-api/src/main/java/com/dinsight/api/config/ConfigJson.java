package com.dinsight.api.config;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * The REST representation of a configuration version: flat, as {@code config_data} is. Field
 * names become snake_case through the API's JSON naming strategy.
 */
public record ConfigJson(int id, @JsonUnwrapped ProcessingConfig config, Instant createdAt) {

    public static ConfigJson of(ConfigVersion version) {
        return new ConfigJson(version.id(), version.config(), version.createdAt());
    }
}
