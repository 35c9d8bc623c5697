package com.dinsight.api.identity;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin gives a user another role, never above the admin's own. */
public record ChangeRole(@TargetAggregateIdentifier UUID userId, String role, Caller changedBy) {
}
