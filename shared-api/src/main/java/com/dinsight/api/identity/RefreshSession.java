package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rotates a session's refresh token; presenting a token already rotated revokes the session. */
public record RefreshSession(@TargetAggregateIdentifier UUID userId, UUID sessionId, String presentedTokenHash, String newTokenHash) {
}
