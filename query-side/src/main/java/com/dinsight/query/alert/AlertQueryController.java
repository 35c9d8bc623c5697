package com.dinsight.query.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AlertPage;
import com.dinsight.api.alert.AlertRulePage;
import com.dinsight.api.alert.AlertRuleView;
import com.dinsight.api.alert.AlertView;
import com.dinsight.api.alert.FetchAlert;
import com.dinsight.api.alert.FetchAlertRule;
import com.dinsight.api.alert.FetchAlertRules;
import com.dinsight.api.alert.FetchAlerts;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.query.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts")
class AlertQueryController {

    private static final Set<String> STATUSES = Set.of("active", "acknowledged", "resolved");

    private final QueryGateway queries;

    AlertQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/rules")
    @Operation(summary = "Alert rules of the caller's datasets (all for admins), newest first; webhook secrets are never shown")
    AlertRulePage rules(@AuthenticationPrincipal Caller caller, @RequestParam(name = "dataset_id", required = false) UUID datasetId,
                        @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return queries.query(new FetchAlertRules(caller, datasetId, request.page(), request.size()), AlertRulePage.class)
                .join();
    }

    @GetMapping("/rules/{id}")
    @Operation(summary = "One alert rule; another user's answers 404")
    AlertRuleView rule(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Optional<AlertRuleView> rule = queries.query(new FetchAlertRule(caller, id),
                ResponseTypes.optionalInstanceOf(AlertRuleView.class)).join();
        return rule.orElseThrow(() -> new NotFoundException("Alert rule " + id + " does not exist"));
    }

    @GetMapping
    @Operation(summary = "Alerts of the caller's datasets, newest first, with their rule and first anomaly")
    AlertPage alerts(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status,
                     @RequestParam(name = "dataset_id", required = false) UUID datasetId,
                     @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(List.of(new FieldError("status", "must be active, acknowledged or resolved")));
        }
        PageRequest request = PageRequest.of(page, size);
        return queries.query(new FetchAlerts(caller, status, datasetId, request.page(), request.size()), AlertPage.class)
                .join();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One alert with its rule and first anomaly; another user's answers 404")
    AlertView alert(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Optional<AlertView> alert = queries.query(new FetchAlert(caller, id),
                ResponseTypes.optionalInstanceOf(AlertView.class)).join();
        return alert.orElseThrow(() -> new NotFoundException("Alert " + id + " does not exist"));
    }
}
