package com.dinsight.query.alert;

import com.dinsight.api.alert.AlertAcknowledged;
import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertDeliveryAttempted;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.AlertResolved;
import com.dinsight.api.alert.AlertRuleCreated;
import com.dinsight.api.alert.AlertRuleDeleted;
import com.dinsight.api.alert.AlertRuleUpdated;
import com.dinsight.api.alert.AlertUpdated;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.api.alert.StreamAlerts;
import com.dinsight.query.BatchedWrites;
import com.dinsight.query.ReadModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code alert_rules} and {@code alerts}. A rule's webhook actions carry {@code signed}, never
 * the secret. An alert's {@code data} holds severity, rule name, count, first/last seen, worst
 * severity, the latest matched points (at most 50), deliveries and messages; every change is
 * idempotent (absolute totals, points by monitor id, deliveries by action and attempt). The first
 * anomaly is linked only when its anomalies row exists, else {@code anomaly_id} stays null.
 */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class AlertProjection {

    static final int MAX_POINTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;

    AlertProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    /**
     * Records when the alert changed (the event's time, so a replay writes the same) and sends its new
     * state to the live {@code GET /alerts/stream} subscriptions allowed to see it, once this batch has
     * committed (Axon's emitter waits for the commit). Nothing more is read while nobody listens on
     * this node, nor for a replayed event.
     */
    private void publish(UUID alertId, Instant changedAt) {
        jdbc.sql("UPDATE alerts SET changed_at = greatest(changed_at, ?) WHERE id = ?").params(ts(changedAt), alertId)
                .update();
        if (!ReadModel.pushesLiveUpdates() || updates.activeSubscriptions().stream()
                .noneMatch(subscription -> subscription.getPayload() instanceof StreamAlerts)) {
            return;
        }
        AlertQueryHandler.load(jdbc, alertId).ifPresent(view -> {
            UUID owner = jdbc.sql("SELECT user_id FROM datasets WHERE id = ?").param(view.datasetId())
                    .query(UUID.class).optional().orElse(null);
            updates.emit(StreamAlerts.class, query -> query.caller().isAdmin() || query.caller().userId().equals(owner),
                    view);
        });
    }

    @EventHandler
    void on(AlertRuleCreated event) {
        jdbc.sql("""
                        INSERT INTO alert_rules (id, dataset_id, name, condition, actions, severity, is_active, created_by,
                                                 created_at, updated_at)
                        SELECT ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?
                        WHERE EXISTS (SELECT 1 FROM datasets WHERE id = ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.ruleId(), event.datasetId(), event.name(), json(event.condition()),
                        actions(event.actions(), event.signed()), event.severity(), event.active(), event.ownerId(),
                        ts(event.createdAt()), ts(event.createdAt()), event.datasetId())
                .update();
    }

    @EventHandler
    void on(AlertRuleUpdated event) {
        jdbc.sql("""
                        UPDATE alert_rules SET name = ?, condition = ?::jsonb, actions = ?::jsonb, severity = ?,
                            is_active = ?, updated_at = ?
                        WHERE id = ?""")
                .params(event.name(), json(event.condition()), actions(event.actions(), event.signed()),
                        event.severity(), event.active(), ts(event.updatedAt()), event.ruleId())
                .update();
    }

    /** The rule's alerts go with it (trigger of V14): alerts.alert_rule_id may not point nowhere. */
    @EventHandler
    void on(AlertRuleDeleted event) {
        jdbc.sql("DELETE FROM alert_rules WHERE id = ?").param(event.ruleId()).update();
    }

    @EventHandler
    void on(AlertRaised event, @org.axonframework.eventhandling.Timestamp Instant changedAt) {
        BatchedWrites.flush(); // the alert's anomaly may be pending in this batch
        ObjectNode data = JSON.createObjectNode();
        data.put("severity", event.severity());
        data.put("rule_name", event.ruleName());
        data.put("count", event.count());
        data.put("first_seen", event.firstSeen().toString());
        data.put("last_seen", event.lastSeen().toString());
        data.put("worst_severity", event.worstSeverity());
        ArrayNode points = data.putArray("matched_points");
        addPoints(points, event.points());
        data.putArray("deliveries");
        data.putArray("messages");
        jdbc.sql("""
                        INSERT INTO alerts (id, alert_rule_id, dataset_id, anomaly_id, status, data, created_at)
                        SELECT ?, ?, ?, (SELECT id FROM anomalies WHERE id = ?), 'active', ?::jsonb, ?
                        WHERE EXISTS (SELECT 1 FROM alert_rules WHERE id = ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.alertId(), event.ruleId(), event.datasetId(), event.anomalyId(), data.toString(),
                        ts(event.raisedAt()), event.ruleId())
                .update();
        publish(event.alertId(), changedAt);
    }

    @EventHandler
    void on(AlertUpdated event, @org.axonframework.eventhandling.Timestamp Instant changedAt) {
        change(event.alertId(), data -> {
            data.put("count", event.count());
            data.put("last_seen", event.lastSeen().toString());
            data.put("worst_severity", event.worstSeverity());
            ArrayNode points = (ArrayNode) data.withArray("matched_points");
            addPoints(points, event.points());
            while (points.size() > MAX_POINTS) {
                points.remove(0);
            }
        });
        publish(event.alertId(), changedAt);
    }

    @EventHandler
    void on(AlertAcknowledged event, @org.axonframework.eventhandling.Timestamp Instant changedAt) {
        jdbc.sql("UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ?")
                .params(event.acknowledgedBy(), ts(event.acknowledgedAt()), event.alertId()).update();
        change(event.alertId(), data -> message(data, "acknowledged", event.acknowledgedBy(), event.message(),
                event.acknowledgedAt()));
        publish(event.alertId(), changedAt);
    }

    @EventHandler
    void on(AlertResolved event, @org.axonframework.eventhandling.Timestamp Instant changedAt) {
        jdbc.sql("UPDATE alerts SET status = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ?")
                .params(event.resolvedBy(), ts(event.resolvedAt()), event.alertId()).update();
        change(event.alertId(), data -> message(data, "resolved", event.resolvedBy(), event.message(),
                event.resolvedAt()));
        publish(event.alertId(), changedAt);
    }

    @EventHandler
    void on(AlertDeliveryAttempted event, @org.axonframework.eventhandling.Timestamp Instant changedAt) {
        change(event.alertId(), data -> {
            ArrayNode deliveries = (ArrayNode) data.withArray("deliveries");
            for (JsonNode d : deliveries) {
                if (d.path("action").asInt() == event.action() && d.path("attempt").asInt() == event.attempt()) {
                    return;
                }
            }
            ObjectNode d = deliveries.addObject();
            d.put("action", event.action());
            d.put("type", event.type());
            d.put("target", event.target());
            d.put("attempt", event.attempt());
            d.put("outcome", event.outcome());
            if (event.statusCode() == null) {
                d.putNull("status_code");
            } else {
                d.put("status_code", event.statusCode());
            }
            d.put("error", event.error());
            d.put("at", event.attemptedAt().toString());
        });
        publish(event.alertId(), changedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE alerts, alert_rules").update();
    }

    private static void message(ObjectNode data, String kind, UUID by, String message, Instant at) {
        ArrayNode messages = (ArrayNode) data.withArray("messages");
        for (JsonNode m : messages) {
            if (kind.equals(m.path("kind").asText())) {
                return;
            }
        }
        ObjectNode m = messages.addObject();
        m.put("kind", kind);
        m.put("by", by.toString());
        m.put("message", message);
        m.put("at", at.toString());
    }

    private static void addPoints(ArrayNode points, List<MatchedPoint> added) {
        Set<String> known = new HashSet<>();
        points.forEach(p -> known.add(p.path("monitor_id").asText()));
        for (MatchedPoint p : added) {
            if (!known.add(p.monitorId().toString())) {
                continue;
            }
            points.add(JSON.valueToTree(p.asMap()));
        }
    }

    private interface DataChange {
        void apply(ObjectNode data);
    }

    private void change(UUID alertId, DataChange change) {
        jdbc.sql("SELECT data FROM alerts WHERE id = ?").param(alertId).query(String.class).optional().ifPresent(json -> {
            try {
                ObjectNode data = (ObjectNode) JSON.readTree(json);
                change.apply(data);
                jdbc.sql("UPDATE alerts SET data = ?::jsonb WHERE id = ?").params(data.toString(), alertId).update();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable data of alert " + alertId, e);
            }
        });
    }

    /** Webhooks show {@code signed} instead of a secret. */
    private static String actions(List<AlertAction> actions, boolean signed) {
        ArrayNode array = JSON.createArrayNode();
        for (AlertAction action : actions) {
            ObjectNode a = array.addObject();
            a.put("type", action.type());
            if (AlertAction.WEBHOOK.equals(action.type())) {
                a.put("url", action.url());
                a.put("signed", signed);
            } else {
                a.put("to", action.to());
            }
        }
        return array.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not representable as JSON: " + value, e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
