package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password (the current one was checked) and ends every session of the user. */
public record ChangePassword(@TargetAggregateIdentifier UUID userId, String newPasswordHash) {
}
