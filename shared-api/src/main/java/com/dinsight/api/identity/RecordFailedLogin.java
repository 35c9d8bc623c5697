package com.dinsight.api.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Counts a wrong password; the tenth in a row locks the account for a while. */
public record RecordFailedLogin(@TargetAggregateIdentifier UUID userId) {
}
