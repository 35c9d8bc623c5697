package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends one session: logout (which must present the session's refresh token, so
 * {@code presentedTokenHash} is set) or the signed-in user revoking it from their list (null).
 */
public record RevokeSession(@TargetAggregateIdentifier UUID userId, UUID sessionId, String reason, String presentedTokenHash) {
}
