package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Confirms the email address with the one-time token mailed at registration. */
public record VerifyEmail(@TargetAggregateIdentifier UUID userId, String tokenHash) {
}
