package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the user's own profile. */
public record UpdateProfile(@TargetAggregateIdentifier UUID userId, String fullName) {
}
