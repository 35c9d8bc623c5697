package com.dinsight.api.config;

/** Answers the newest {@link ConfigVersion}, if any. */
public record FetchLatestConfig() {
}
