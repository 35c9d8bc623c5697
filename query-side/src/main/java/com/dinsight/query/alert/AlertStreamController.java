package com.dinsight.query.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AlertView;
import com.dinsight.api.alert.StreamAlerts;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.query.web.SubscriptionStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /alerts/stream}: one server-sent event (name {@code alert}) per new or changed alert of
 * the caller's datasets (all for admins), its id the time the alert last changed. It starts with the
 * open alerts; a client reconnecting with {@code Last-Event-ID} also gets every alert changed since,
 * resolved ones included, so it misses no change. Built on an Axon subscription query, like the
 * monitoring stream (decision 26).
 */
@RestController
@Tag(name = "Alerts")
class AlertStreamController {

    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final QueryGateway queries;

    AlertStreamController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(value = "/api/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events (name 'alert', data the alert): the caller's open alerts, then every new "
            + "or changed alert of the caller's datasets; send Last-Event-ID to also get what changed while away")
    SseEmitter stream(@AuthenticationPrincipal Caller caller,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        var result = queries.subscriptionQuery(new StreamAlerts(caller, since(lastEventId)),
                ResponseTypes.multipleInstancesOf(AlertView.class), ResponseTypes.instanceOf(AlertView.class));
        return SubscriptionStreams.open(result, TIMEOUT, alert -> Optional.of(SseEmitter.event().name("alert")
                .id(String.valueOf(alert.changedAt() == null ? alert.createdAt() : alert.changedAt()))
                .data(alert, MediaType.APPLICATION_JSON)));
    }

    private static Instant since(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(lastEventId.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(List.of(new FieldError("Last-Event-ID",
                    "must be the id of an event this stream sent (an ISO-8601 instant)")));
        }
    }
}
