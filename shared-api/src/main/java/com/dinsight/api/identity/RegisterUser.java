package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a user; the handler decides the role (the first user becomes super_admin). The password hash goes to the command side's credential store, never into an event. */
public record RegisterUser(@TargetAggregateIdentifier UUID userId, String email, String fullName, String passwordHash, String verificationTokenHash) {
}
