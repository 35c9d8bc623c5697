package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password with a reset token and ends every session of the user. */
public record ResetPassword(@TargetAggregateIdentifier UUID userId, String tokenHash, String newPasswordHash) {
}
