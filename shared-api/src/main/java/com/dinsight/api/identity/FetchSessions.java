package com.dinsight.api.identity;

import java.util.UUID;

/** Answers the user's active sessions as a {@link SessionList}. */
public record FetchSessions(UUID userId) {
}
