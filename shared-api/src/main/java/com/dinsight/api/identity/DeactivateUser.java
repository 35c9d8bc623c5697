package com.dinsight.api.identity;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin deactivates a user, which ends all their sessions. */
public record DeactivateUser(@TargetAggregateIdentifier UUID userId, Caller deactivatedBy) {
}
