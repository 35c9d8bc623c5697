package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResolveAlert(@TargetAggregateIdentifier UUID alertId, Caller caller, String message) {
}
