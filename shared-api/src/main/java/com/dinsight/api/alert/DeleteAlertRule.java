package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteAlertRule(@TargetAggregateIdentifier UUID ruleId, Caller caller) {
}
