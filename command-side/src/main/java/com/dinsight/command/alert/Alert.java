package com.dinsight.command.alert;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AcknowledgeAlert;
import com.dinsight.api.alert.AlertAcknowledged;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertDeliveryAttempted;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.AlertResolved;
import com.dinsight.api.alert.AlertUpdated;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.api.alert.RaiseAlert;
import com.dinsight.api.alert.RecordAlertDelivery;
import com.dinsight.api.alert.ResolveAlert;
import com.dinsight.api.alert.UpdateAlert;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.command.error.Refusals;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An alert: active -> acknowledged -> resolved, or active -> resolved. While it is not resolved,
 * further matches of its rule update it (count, last seen, worst severity) instead of raising new
 * alerts. It remembers the last process order it counted per baseline, so points delivered twice
 * are counted once. Only the rule's owner and admins may see it; anyone else is told it does not exist.
 * Snapshotted every {@code dinsight.snapshots.alert-threshold} events (100).
 */
@Aggregate(snapshotTriggerDefinition = "alertSnapshots")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Alert {

    static final String ACTIVE = "active";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String RESOLVED = "resolved";

    @AggregateIdentifier
    private UUID alertId;
    private UUID ruleId;
    private UUID datasetId;
    private UUID ownerId;
    private String status;
    private int count;
    private String worstSeverity;
    private Map<UUID, Integer> lastOrder = new HashMap<>();

    Alert() {
        // for Axon
    }

    @CommandHandler
    Alert(RaiseAlert command, Clock clock) {
        List<MatchedPoint> points = ordered(command.points());
        if (points.isEmpty()) {
            throw Refusals.invalid(List.of(new FieldError("points", "an alert needs at least one matching point")));
        }
        UUID anomaly = points.stream().map(MatchedPoint::anomalyId).filter(Objects::nonNull).findFirst().orElse(null);
        apply(new AlertRaised(command.alertId(), command.ruleId(), command.datasetId(), command.ownerId(),
                command.ruleName(), command.severity(), anomaly, points.size(), first(points), last(points),
                worst(null, points), capped(points), lastOrders(Map.of(), points), clock.instant()));
    }

    /** False when the alert is resolved: the caller raises a new one. */
    @CommandHandler
    boolean handle(UpdateAlert command, Clock clock) {
        if (RESOLVED.equals(status)) {
            return false;
        }
        List<MatchedPoint> fresh = ordered(command.points()).stream()
                .filter(p -> p.processOrder() > lastOrder.getOrDefault(p.dinsightId(), Integer.MIN_VALUE))
                .toList();
        if (!fresh.isEmpty()) {
            apply(new AlertUpdated(alertId, datasetId, fresh.size(), count + fresh.size(), last(fresh),
                    worst(worstSeverity, fresh), capped(fresh), lastOrders(lastOrder, fresh), clock.instant()));
        }
        return true;
    }

    @CommandHandler
    void handle(AcknowledgeAlert command, Clock clock) {
        requireVisibleTo(command.caller());
        List<FieldError> errors = new ArrayList<>();
        String message = AlertRuleRules.message(command.message(), errors);
        refuseInvalid(errors);
        if (ACKNOWLEDGED.equals(status)) {
            throw conflict("Alert " + alertId + " is already acknowledged");
        }
        if (RESOLVED.equals(status)) {
            throw conflict("Alert " + alertId + " is resolved; a resolved alert cannot be acknowledged");
        }
        apply(new AlertAcknowledged(alertId, datasetId, command.caller().userId(), message, clock.instant()));
    }

    @CommandHandler
    void handle(ResolveAlert command, Clock clock) {
        requireVisibleTo(command.caller());
        List<FieldError> errors = new ArrayList<>();
        String message = AlertRuleRules.message(command.message(), errors);
        refuseInvalid(errors);
        if (RESOLVED.equals(status)) {
            throw conflict("Alert " + alertId + " is already resolved");
        }
        apply(new AlertResolved(alertId, ruleId, datasetId, command.caller().userId(), message, clock.instant()));
    }

    @CommandHandler
    void handle(RecordAlertDelivery command, Clock clock) {
        apply(new AlertDeliveryAttempted(alertId, datasetId, command.action(), command.type(), command.target(),
                command.attempt(), command.outcome(), command.statusCode(), command.error(), clock.instant()));
    }

    private void requireVisibleTo(Caller caller) {
        if (!(caller.isAdmin() || caller.userId().equals(ownerId))) {
            throw Refusals.refuse(new BusinessError(ErrorCode.NOT_FOUND, "Alert " + alertId + " does not exist",
                    List.of()));
        }
    }

    private static RuntimeException conflict(String message) {
        return Refusals.refuse(new BusinessError(ErrorCode.CONFLICT, message, List.of()));
    }

    private static void refuseInvalid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Refusals.invalid(errors);
        }
    }

    private static List<MatchedPoint> ordered(List<MatchedPoint> points) {
        if (points == null) {
            return List.of();
        }
        return points.stream().filter(Objects::nonNull)
                .sorted(Comparator.comparing(MatchedPoint::timestamp).thenComparing(MatchedPoint::processOrder))
                .toList();
    }

    private static Instant first(List<MatchedPoint> points) {
        return points.stream().map(MatchedPoint::timestamp).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant last(List<MatchedPoint> points) {
        return points.stream().map(MatchedPoint::timestamp).max(Comparator.naturalOrder()).orElseThrow();
    }

    static String worst(String current, List<MatchedPoint> points) {
        String worst = current;
        for (MatchedPoint point : points) {
            if (AlertCondition.rank(point.severity()) > AlertCondition.rank(worst)) {
                worst = point.severity();
            }
        }
        return worst;
    }

    /** The first {@value AlertRaised#MAX_POINTS} points: events stay small whatever a batch holds. */
    private static List<MatchedPoint> capped(List<MatchedPoint> points) {
        return points.size() <= AlertRaised.MAX_POINTS ? points : List.copyOf(points.subList(0, AlertRaised.MAX_POINTS));
    }

    private static Map<UUID, Integer> lastOrders(Map<UUID, Integer> known, List<MatchedPoint> points) {
        Map<UUID, Integer> orders = new HashMap<>(known);
        for (MatchedPoint p : points) {
            orders.merge(p.dinsightId(), p.processOrder(), Math::max);
        }
        return orders;
    }

    @EventSourcingHandler
    void on(AlertRaised event) {
        alertId = event.alertId();
        ruleId = event.ruleId();
        datasetId = event.datasetId();
        ownerId = event.ownerId();
        status = ACTIVE;
        count = event.count();
        worstSeverity = event.worstSeverity();
        lastOrder.putAll(event.lastProcessOrders());
    }

    @EventSourcingHandler
    void on(AlertUpdated event) {
        count = event.count();
        worstSeverity = event.worstSeverity();
        lastOrder.putAll(event.lastProcessOrders());
    }

    @EventSourcingHandler
    void on(AlertAcknowledged event) {
        status = ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(AlertResolved event) {
        status = RESOLVED;
    }
}
