package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcknowledgeAlert(@TargetAggregateIdentifier UUID alertId, Caller caller, String message) {
}
