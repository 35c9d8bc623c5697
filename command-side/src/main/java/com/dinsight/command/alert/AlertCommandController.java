package com.dinsight.command.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AcknowledgeAlert;
import com.dinsight.api.alert.AlertRuleView;
import com.dinsight.api.alert.CreateAlertRule;
import com.dinsight.api.alert.DeleteAlertRule;
import com.dinsight.api.alert.DescribeAlertRule;
import com.dinsight.api.alert.ResolveAlert;
import com.dinsight.api.alert.UpdateAlertRule;
import com.dinsight.api.dataset.CheckDatasetAccess;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts")
class AlertCommandController {

    record RuleRequest(UUID datasetId, String name, JsonNode condition, JsonNode actions, String severity,
                       Boolean isActive) {
    }

    /** The created rule; {@code webhook_secret} only when the server generated it (shown this once). */
    record CreatedRule(@JsonUnwrapped AlertRuleView rule, String webhookSecret) {
    }

    record MessageRequest(String message) {
    }

    record StatusChanged(UUID id, String status) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final WebhookTargets webhooks;

    AlertCommandController(CommandGateway commands, WebhookTargets webhooks) {
        this.commands = commands;
        this.webhooks = webhooks;
    }

    @PostMapping("/rules")
    @Operation(summary = "Create an alert rule on one of the caller's datasets; a webhook secret left out is generated and shown once")
    ResponseEntity<CreatedRule> create(@AuthenticationPrincipal Caller caller, @RequestBody RuleRequest body) {
        AlertRuleRequests.Parsed parsed = parse(body);
        UUID owner = body.datasetId() == null ? null
                : commands.sendAndWait(new CheckDatasetAccess(body.datasetId(), caller));
        String generated = parsed.secret() == null && AlertRuleRules.hasWebhook(parsed.actions())
                ? HexFormat.of().formatHex(bytes(32)) : null;
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new CreateAlertRule(id, caller, body.datasetId(), owner, body.name(), parsed.condition(),
                parsed.actions(), body.severity(), body.isActive(), parsed.secret() != null ? parsed.secret() : generated));
        AlertRuleView rule = commands.sendAndWait(new DescribeAlertRule(id, caller));
        return ResponseEntity.created(URI.create("/api/v1/alerts/rules/" + id)).body(new CreatedRule(rule, generated));
    }

    @PutMapping("/rules/{id}")
    @Operation(summary = "Change a rule (fields left out keep their values); is_active false deactivates it")
    AlertRuleView update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody RuleRequest body) {
        AlertRuleRequests.Parsed parsed = parse(body);
        if (body.datasetId() != null) {
            throw ApiException.invalid(List.of(
                    new FieldError("dataset_id", "cannot be changed; create a rule on the other dataset")));
        }
        return commands.sendAndWait(new UpdateAlertRule(id, caller, body.name(), parsed.condition(), parsed.actions(),
                body.severity(), body.isActive(), parsed.secret()));
    }

    private AlertRuleRequests.Parsed parse(RuleRequest body) {
        AlertRuleRequests.Parsed parsed = AlertRuleRequests.parse(body.condition(), body.actions());
        List<FieldError> refused = webhooks.literalViolations(parsed.actions());
        if (!refused.isEmpty()) {
            throw ApiException.invalid(refused);
        }
        return parsed;
    }

    @DeleteMapping("/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rule (and, in the read model, its alerts)")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        commands.sendAndWait(new DeleteAlertRule(id, caller));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an active alert; acknowledging twice answers 409")
    StatusChanged acknowledge(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                              @RequestBody(required = false) MessageRequest body) {
        commands.sendAndWait(new AcknowledgeAlert(id, caller, body == null ? null : body.message()));
        return new StatusChanged(id, Alert.ACKNOWLEDGED);
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve an active or acknowledged alert; the rule's next match raises a new alert")
    StatusChanged resolve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                          @RequestBody(required = false) MessageRequest body) {
        commands.sendAndWait(new ResolveAlert(id, caller, body == null ? null : body.message()));
        return new StatusChanged(id, Alert.RESOLVED);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
