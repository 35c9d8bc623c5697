package com.dinsight.api.config;

/** Answers the {@link ConfigVersion} with the given id, if it exists. */
public record FetchConfigVersion(int id) {
}
