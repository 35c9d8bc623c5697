package com.dinsight.command.alert;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertRuleCreated;
import com.dinsight.api.alert.AlertRuleDeleted;
import com.dinsight.api.alert.AlertRuleUpdated;
import com.dinsight.api.alert.AlertRuleView;
import com.dinsight.api.alert.CreateAlertRule;
import com.dinsight.api.alert.DeleteAlertRule;
import com.dinsight.api.alert.DescribeAlertRule;
import com.dinsight.api.alert.UpdateAlertRule;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.command.error.Refusals;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An alert rule on a dataset. It belongs to the dataset's owner, also when an admin created it, so
 * that the owner may manage it and its alerts; the owner and admins may see and change it, anyone else
 * is told it does not exist. The dataset's access is checked, and its owner found, by the REST layer
 * (CheckDatasetAccess) before creation. The webhook secret goes to {@link RuleSecrets}, never into an
 * event.
 */
@Aggregate
class AlertRule {

    @AggregateIdentifier
    private UUID ruleId;
    private UUID datasetId;
    private UUID ownerId;
    private String name;
    private AlertCondition condition;
    private List<AlertAction> actions;
    private String severity;
    private boolean active;
    private boolean signed;
    private Instant createdAt;
    private Instant updatedAt;
    private boolean deleted;

    AlertRule() {
        // for Axon
    }

    @CommandHandler
    AlertRule(CreateAlertRule command, RuleSecrets secrets, Clock clock) {
        refuseInvalid(AlertRuleRules.violations(true, command.datasetId(), command.name(), command.condition(),
                command.actions() == null ? List.of() : command.actions(), command.severity(), command.webhookSecret()));
        List<AlertAction> actions = command.actions() == null ? List.of() : List.copyOf(command.actions());
        if (AlertRuleRules.hasWebhook(actions) && command.webhookSecret() == null) {
            refuseInvalid(List.of(new FieldError("actions.secret", "is required for a webhook action")));
        }
        boolean signed = command.webhookSecret() != null;
        if (signed) {
            secrets.put(command.ruleId(), command.webhookSecret());
        }
        UUID owner = command.datasetOwner() != null ? command.datasetOwner() : command.caller().userId();
        apply(new AlertRuleCreated(command.ruleId(), command.datasetId(), owner,
                command.name().trim(), AlertRuleRules.canonical(command.condition()), actions,
                command.severity() == null ? "medium" : command.severity(),
                command.active() == null || command.active(), signed, clock.instant()));
    }

    @CommandHandler
    AlertRuleView handle(UpdateAlertRule command, RuleSecrets secrets, Clock clock) {
        requireVisibleTo(command.caller());
        refuseInvalid(AlertRuleRules.violations(false, datasetId, command.name(), command.condition(),
                command.actions(), command.severity(), command.webhookSecret()));
        List<AlertAction> newActions = command.actions() == null ? actions : List.copyOf(command.actions());
        boolean nowSigned = signed || command.webhookSecret() != null;
        if (AlertRuleRules.hasWebhook(newActions) && !nowSigned) {
            refuseInvalid(List.of(new FieldError("actions.secret", "is required: the rule has no webhook secret yet")));
        }
        if (command.webhookSecret() != null) {
            secrets.put(ruleId, command.webhookSecret());
        }
        apply(new AlertRuleUpdated(ruleId, datasetId, command.name() == null ? name : command.name().trim(),
                command.condition() == null ? condition : AlertRuleRules.canonical(command.condition()), newActions,
                command.severity() == null ? severity : command.severity(),
                command.active() == null ? active : command.active(), nowSigned, clock.instant()));
        return view();
    }

    @CommandHandler
    AlertRuleView handle(DescribeAlertRule command) {
        requireVisibleTo(command.caller());
        return view();
    }

    @CommandHandler
    void handle(DeleteAlertRule command, Clock clock) {
        requireVisibleTo(command.caller());
        apply(new AlertRuleDeleted(ruleId, datasetId, clock.instant()));
    }

    AlertRuleView view() {
        return new AlertRuleView(ruleId, datasetId, name, condition, actions, severity, active,
                signed && AlertRuleRules.hasWebhook(actions), ownerId, createdAt, updatedAt);
    }

    private void requireVisibleTo(Caller caller) {
        if (deleted || !(caller.isAdmin() || caller.userId().equals(ownerId))) {
            throw Refusals.refuse(new BusinessError(ErrorCode.NOT_FOUND, "Alert rule " + ruleId + " does not exist",
                    List.of()));
        }
    }

    private static void refuseInvalid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Refusals.invalid(errors);
        }
    }

    @EventSourcingHandler
    void on(AlertRuleCreated event) {
        ruleId = event.ruleId();
        datasetId = event.datasetId();
        ownerId = event.ownerId();
        name = event.name();
        condition = event.condition();
        actions = event.actions();
        severity = event.severity();
        active = event.active();
        signed = event.signed();
        createdAt = event.createdAt();
        updatedAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(AlertRuleUpdated event) {
        name = event.name();
        condition = event.condition();
        actions = event.actions();
        severity = event.severity();
        active = event.active();
        signed = event.signed();
        updatedAt = event.updatedAt();
    }

    @EventSourcingHandler
    void on(AlertRuleDeleted event) {
        deleted = true;
    }
}
