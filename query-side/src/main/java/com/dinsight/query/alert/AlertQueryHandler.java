package com.dinsight.query.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertPage;
import com.dinsight.api.alert.AlertRulePage;
import com.dinsight.api.alert.AlertRuleView;
import com.dinsight.api.alert.AlertView;
import com.dinsight.api.alert.FetchAlert;
import com.dinsight.api.alert.FetchAlertRule;
import com.dinsight.api.alert.FetchAlertRules;
import com.dinsight.api.alert.FetchAlerts;
import com.dinsight.api.alert.StreamAlerts;
import com.dinsight.query.security.CallerScope;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads rules and alerts through {@link CallerScope}. Alerts have their own row-level security
 * policy; rules have none, so they are read joined to {@code datasets}, whose policy shows the
 * caller only their own (admins all).
 */
@Component
class AlertQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String RULE_COLUMNS = "r.id, r.dataset_id, r.name, r.condition, r.actions, r.severity, "
            + "r.is_active, r.created_by, r.created_at, r.updated_at";
    private static final String ALERT_SELECT = """
            SELECT a.id, a.alert_rule_id, a.dataset_id, a.anomaly_id, a.status, a.data, a.acknowledged_by,
                   a.acknowledged_at, a.resolved_by, a.resolved_at, a.created_at, a.changed_at,
                   to_jsonb(an) AS anomaly, %s
            FROM alerts a
            JOIN alert_rules r ON r.id = a.alert_rule_id
            LEFT JOIN anomalies an ON an.id = a.anomaly_id
            """.formatted(RULE_COLUMNS);

    private final CallerScope scope;

    AlertQueryHandler(CallerScope scope) {
        this.scope = scope;
    }

    @QueryHandler
    AlertRulePage handle(FetchAlertRules query) {
        return scope.read(query.caller(), jdbc -> {
            String where = query.datasetId() == null ? "" : " WHERE r.dataset_id = :dataset";
            String from = " FROM alert_rules r JOIN datasets d ON d.id = r.dataset_id" + where;
            JdbcClient.StatementSpec count = jdbc.sql("SELECT count(*)" + from);
            JdbcClient.StatementSpec list = jdbc.sql("SELECT " + RULE_COLUMNS + from
                    + " ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset");
            if (query.datasetId() != null) {
                count = count.param("dataset", query.datasetId());
                list = list.param("dataset", query.datasetId());
            }
            long total = count.query(Long.class).single();
            List<AlertRuleView> items = list.param("limit", query.size())
                    .param("offset", (long) query.page() * query.size()).query(AlertQueryHandler::rule).list();
            return new AlertRulePage(items, query.page(), query.size(), total);
        });
    }

    @QueryHandler
    Optional<AlertRuleView> handle(FetchAlertRule query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql("SELECT " + RULE_COLUMNS
                        + " FROM alert_rules r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?")
                .param(query.ruleId()).query(AlertQueryHandler::rule).optional());
    }

    @QueryHandler
    AlertPage handle(FetchAlerts query) {
        return scope.read(query.caller(), jdbc -> {
            List<String> conditions = new ArrayList<>();
            if (query.status() != null) {
                conditions.add("a.status = :status");
            }
            if (query.datasetId() != null) {
                conditions.add("a.dataset_id = :dataset");
            }
            String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
            JdbcClient.StatementSpec count = jdbc.sql("SELECT count(*) FROM alerts a" + where);
            JdbcClient.StatementSpec list = jdbc.sql(ALERT_SELECT + where
                    + " ORDER BY a.created_at DESC, a.id LIMIT :limit OFFSET :offset");
            if (query.status() != null) {
                count = count.param("status", query.status());
                list = list.param("status", query.status());
            }
            if (query.datasetId() != null) {
                count = count.param("dataset", query.datasetId());
                list = list.param("dataset", query.datasetId());
            }
            long total = count.query(Long.class).single();
            List<AlertView> items = list.param("limit", query.size())
                    .param("offset", (long) query.page() * query.size()).query(AlertQueryHandler::alert).list();
            return new AlertPage(items, query.page(), query.size(), total);
        });
    }

    @QueryHandler
    Optional<AlertView> handle(FetchAlert query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql(ALERT_SELECT + " WHERE a.id = ?")
                .param(query.alertId()).query(AlertQueryHandler::alert).optional());
    }

    @QueryHandler
    List<AlertView> handle(StreamAlerts query) {
        Timestamp since = query.changedSince() == null ? null : Timestamp.from(query.changedSince());
        return scope.read(query.caller(), jdbc -> jdbc.sql(ALERT_SELECT
                        + " WHERE a.status <> 'resolved' OR a.changed_at >= ? ORDER BY a.changed_at, a.id LIMIT 500")
                .param(since).query(AlertQueryHandler::alert).list());
    }

    /** One alert as the owner of the tables reads it (projections only: no row-level security here). */
    static Optional<AlertView> load(JdbcClient jdbc, UUID alertId) {
        return jdbc.sql(ALERT_SELECT + " WHERE a.id = ?").param(alertId).query(AlertQueryHandler::alert).optional();
    }

    private static AlertView alert(ResultSet rs, int row) throws SQLException {
        String anomaly = rs.getString("anomaly");
        return new AlertView(rs.getObject("id", UUID.class), rs.getObject("alert_rule_id", UUID.class),
                rs.getObject("dataset_id", UUID.class), rs.getObject("anomaly_id", UUID.class), rs.getString("status"),
                map(rs.getString("data")), rs.getObject("acknowledged_by", UUID.class),
                instant(rs.getTimestamp("acknowledged_at")), rs.getObject("resolved_by", UUID.class),
                instant(rs.getTimestamp("resolved_at")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("changed_at")), rule(rs, row),
                anomaly == null ? null : map(anomaly));
    }

    private static AlertRuleView rule(ResultSet rs, int row) throws SQLException {
        try {
            JsonNode actions = JSON.readTree(rs.getString("actions"));
            boolean signed = false;
            for (JsonNode action : actions) {
                signed |= action.path("signed").asBoolean(false);
            }
            return new AlertRuleView(rs.getObject("id", UUID.class), rs.getObject("dataset_id", UUID.class),
                    rs.getString("name"), JSON.readValue(rs.getString("condition"), AlertCondition.class),
                    JSON.convertValue(actions, new TypeReference<List<AlertAction>>() { }), rs.getString("severity"),
                    rs.getBoolean("is_active"), signed, rs.getObject("created_by", UUID.class),
                    instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? null : JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
