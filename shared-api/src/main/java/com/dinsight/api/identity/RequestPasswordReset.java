package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues a one-time reset token, mailed to the user. */
public record RequestPasswordReset(@TargetAggregateIdentifier UUID userId, String tokenHash) {
}
