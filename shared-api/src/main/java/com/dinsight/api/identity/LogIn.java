package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a session after the password was checked; refused while the account is locked or inactive. */
public record LogIn(@TargetAggregateIdentifier UUID userId, UUID sessionId, String refreshTokenHash, boolean rememberMe) {
}
