package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a rule on a dataset the caller may use. The rule and its alerts belong to the dataset's
 * owner ({@code datasetOwner}), also when an admin creates it. {@code webhookSecret} signs the rule's
 * webhooks; it is kept by the command side only, never in an event.
 */
public record CreateAlertRule(@TargetAggregateIdentifier UUID ruleId, Caller caller, UUID datasetId,
                              UUID datasetOwner, String name,
                              AlertCondition condition, List<AlertAction> actions, String severity, Boolean active,
                              String webhookSecret) {

    @Override
    public String toString() {
        return "CreateAlertRule[ruleId=" + ruleId + ", datasetId=" + datasetId + ", name=" + name + "]";
    }
}
