package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a rule on a dataset the caller may use. {@code webhookSecret} signs the rule's webhooks; it
 * is kept by the command side only, never in an event. Answers the rule as an {@link AlertRuleView}.
 */
public record CreateAlertRule(@TargetAggregateIdentifier UUID ruleId, Caller caller, UUID datasetId, String name,
                              AlertCondition condition, List<AlertAction> actions, String severity, Boolean active,
                              String webhookSecret) {

    @Override
    public String toString() {
        return "CreateAlertRule[ruleId=" + ruleId + ", datasetId=" + datasetId + ", name=" + name + "]";
    }
}
