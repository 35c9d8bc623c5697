package com.dinsight.query.audit;

import com.dinsight.api.Caller;
import com.dinsight.api.audit.AuditPage;
import com.dinsight.api.audit.FetchAuditLog;
import com.dinsight.api.audit.FetchResourceHistory;
import com.dinsight.api.audit.ResourceHistory;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.query.web.PageRequest;
import com.dinsight.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
class AuditQueryController {

    private final QueryGateway queries;

    AuditQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Audit log, newest first: every event with who caused it (user, address, user agent) and its "
            + "masked payload; admins see all, a user the rows they caused")
    AuditPage audit(@AuthenticationPrincipal Caller caller,
                    @RequestParam(name = "user_id", required = false) UUID userId,
                    @RequestParam(required = false) String action,
                    @RequestParam(name = "resource_type", required = false) String resourceType,
                    @RequestParam(name = "resource_id", required = false) UUID resourceId,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                    @RequestParam(name = "page_size", required = false) Integer pageSize) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw invalid("from", "must not be after to");
        }
        if (action != null && (action.isBlank() || action.length() > 100)) {
            throw invalid("action", "must be an event name of at most 100 characters");
        }
        if (resourceType != null && AuditResource.of(resourceType).isEmpty()) {
            throw invalid("resource_type", "must be one of " + String.join(", ", AuditResource.resourceTypes()));
        }
        PageRequest request = PageRequest.of(page, size != null ? size : pageSize);
        return queries.query(new FetchAuditLog(caller, userId, action, resourceType, resourceId, start, end,
                request.page(), request.size()), AuditPage.class).join();
    }

    @GetMapping("/history/{resourceType}/{resourceId}")
    @Operation(summary = "A resource's events from the event store in sequence order, with revision, time, request "
            + "metadata and masked payload; pages of size events; another user's resource answers 404")
    ResourceHistory history(@AuthenticationPrincipal Caller caller, @PathVariable String resourceType,
                            @PathVariable String resourceId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        AuditResource resource = AuditResource.of(resourceType).orElseThrow(() -> invalid("resource_type",
                "must be one of " + String.join(", ", AuditResource.resourceTypes())));
        if (resource.hasUuidIds() && AuditRow.uuid(resourceId) == null) {
            throw invalid("resource_id", "must be a UUID");
        }
        PageRequest request = PageRequest.of(page, size);
        Optional<ResourceHistory> history = queries.query(new FetchResourceHistory(caller, resourceType, resourceId,
                request.page(), request.size()), ResponseTypes.optionalInstanceOf(ResourceHistory.class)).join();
        return history.orElseThrow(() -> new NotFoundException(resourceType + " " + resourceId + " has no history"));
    }


    private static ApiException invalid(String field, String message) {
        return ApiException.invalid(List.of(new FieldError(field, message)));
    }
}
