package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Only answers: the rule as the write model holds it ({@link AlertRuleView}), emitting nothing. */
public record DescribeAlertRule(@TargetAggregateIdentifier UUID ruleId, Caller caller) {
}
