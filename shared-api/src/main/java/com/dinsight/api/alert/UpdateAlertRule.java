package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes a rule; fields left null keep their values. Answers the rule as an {@link AlertRuleView}. */
public record UpdateAlertRule(@TargetAggregateIdentifier UUID ruleId, Caller caller, String name,
                              AlertCondition condition, List<AlertAction> actions, String severity, Boolean active,
                              String webhookSecret) {

    @Override
    public String toString() {
        return "UpdateAlertRule[ruleId=" + ruleId + ", name=" + name + "]";
    }
}
