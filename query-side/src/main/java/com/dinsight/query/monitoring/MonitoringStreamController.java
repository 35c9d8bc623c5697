package com.dinsight.query.monitoring;

import com.dinsight.api.Caller;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.api.monitoring.MonitoringQueries.FetchMonitorPoints;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointPage;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointView;
import com.dinsight.api.monitoring.MonitoringQueries.StreamMonitorPoints;
import com.dinsight.query.web.SubscriptionStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /monitor/{id}/stream}: one server-sent event per monitoring point, its id the point's
 * process order. A client reconnecting with {@code Last-Event-ID} first gets every point after that
 * order, then the live ones, so it misses nothing. Built on an Axon subscription query, so the
 * updates reach query nodes other than the one that projected them when Axon Server routes queries.
 */
@RestController
@Tag(name = "Monitoring and anomalies")
class MonitoringStreamController {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queries;

    MonitoringStreamController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/monitor/{dinsightId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events, one per new monitoring point; send Last-Event-ID to resume")
    SseEmitter stream(@AuthenticationPrincipal Caller caller, @PathVariable UUID dinsightId,
                      @RequestHeader(name = "Last-Event-ID", required = false) Integer lastEventId) {
        Optional<MonitorPointPage> visible = queries.query(new FetchMonitorPoints(caller, dinsightId, 0, 1),
                ResponseTypes.optionalInstanceOf(MonitorPointPage.class)).join();
        if (visible.isEmpty()) {
            throw new NotFoundException("Baseline " + dinsightId + " does not exist");
        }
        int after = lastEventId == null ? -1 : lastEventId;
        SubscriptionQueryResult<List<MonitorPointView>, MonitorPointView> result = queries.subscriptionQuery(
                new StreamMonitorPoints(caller, dinsightId, after),
                ResponseTypes.multipleInstancesOf(MonitorPointView.class), ResponseTypes.instanceOf(MonitorPointView.class));
        AtomicInteger lastSent = new AtomicInteger(after);
        // each process order once, in increasing order (updates may repeat the initial answer)
        return SubscriptionStreams.open(result, TIMEOUT, point -> {
            if (point.processOrder() <= lastSent.get()) {
                return Optional.empty();
            }
            lastSent.set(point.processOrder());
            return Optional.of(SseEmitter.event().name("point").id(String.valueOf(point.processOrder())).data(point));
        });
    }
}
