package com.dinsight.api.identity;

import java.util.UUID;

/** Answers the {@link UserView} with this id, if any. */
public record FetchUser(UUID userId) {
}
