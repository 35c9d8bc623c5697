package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.AlertResolved;
import com.dinsight.api.alert.AlertRuleCreated;
import com.dinsight.api.alert.AlertRuleDeleted;
import com.dinsight.api.alert.AlertRuleUpdated;
import com.dinsight.api.dataset.DatasetDeleted;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's table of rules ({@code alerting.rules}): which rules of a dataset are active and
 * which alert of a rule is open. A subscribing processor ({@value #PROCESSING_GROUP}), so each row
 * changes in the transaction that stores the event it follows, like {@code identity.credentials}.
 */
@Component
@ProcessingGroup(AlertRuleLookup.PROCESSING_GROUP)
public class AlertRuleLookup {

    static final String PROCESSING_GROUP = "alert-lookup";
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A rule as the policy and the deliveries read it. */
    public record Rule(UUID ruleId, UUID datasetId, UUID ownerId, String name, AlertCondition condition,
                       List<AlertAction> actions, String severity, boolean active, UUID openAlertId) {
    }

    private final JdbcClient jdbc;

    AlertRuleLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AlertRuleCreated event) {
        jdbc.sql("""
                        INSERT INTO alerting.rules (rule_id, dataset_id, owner_id, name, condition, actions, severity, is_active)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (rule_id) DO NOTHING""")
                .params(event.ruleId(), event.datasetId(), event.ownerId(), event.name(), json(event.condition()),
                        json(event.actions()), event.severity(), event.active())
                .update();
    }

    @EventHandler
    void on(AlertRuleUpdated event) {
        // windows first: the policy may hold that row while it waits for a command touching alerting.rules
        jdbc.sql("DELETE FROM alerting.rule_windows WHERE rule_id = ?").param(event.ruleId()).update();
        jdbc.sql("""
                        UPDATE alerting.rules SET name = ?, condition = ?::jsonb, actions = ?::jsonb, severity = ?,
                            is_active = ?, updated_at = now()
                        WHERE rule_id = ?""")
                .params(event.name(), json(event.condition()), json(event.actions()), event.severity(), event.active(),
                        event.ruleId())
                .update();
    }

    @EventHandler
    void on(AlertRuleDeleted event) {
        jdbc.sql("DELETE FROM alerting.rule_windows WHERE rule_id = ?").param(event.ruleId()).update();
        jdbc.sql("DELETE FROM alerting.rule_secrets WHERE rule_id = ?").param(event.ruleId()).update();
        jdbc.sql("DELETE FROM alerting.rules WHERE rule_id = ?").param(event.ruleId()).update();
    }

    @EventHandler
    void on(AlertRaised event) {
        jdbc.sql("UPDATE alerting.rules SET open_alert_id = ? WHERE rule_id = ?")
                .params(event.alertId(), event.ruleId()).update();
    }

    @EventHandler
    void on(AlertResolved event) {
        jdbc.sql("UPDATE alerting.rules SET open_alert_id = NULL WHERE rule_id = ? AND open_alert_id = ?")
                .params(event.ruleId(), event.alertId()).update();
    }

    /** A deleted dataset's rules stop: the read model could not store their alerts anyway. */
    @EventHandler
    void on(DatasetDeleted event) {
        jdbc.sql("DELETE FROM alerting.rule_windows WHERE rule_id IN (SELECT rule_id FROM alerting.rules WHERE dataset_id = ?)")
                .param(event.datasetId()).update();
        jdbc.sql("UPDATE alerting.rules SET is_active = false, updated_at = now() WHERE dataset_id = ?")
                .param(event.datasetId()).update();
    }

    public List<Rule> activeRules(UUID datasetId) {
        return jdbc.sql("SELECT * FROM alerting.rules WHERE dataset_id = ? AND is_active ORDER BY rule_id")
                .param(datasetId).query(AlertRuleLookup::rule).list();
    }

    public Optional<Rule> rule(UUID ruleId) {
        return jdbc.sql("SELECT * FROM alerting.rules WHERE rule_id = ?").param(ruleId)
                .query(AlertRuleLookup::rule).optional();
    }

    private static Rule rule(ResultSet rs, int row) throws SQLException {
        try {
            return new Rule(rs.getObject("rule_id", UUID.class), rs.getObject("dataset_id", UUID.class),
                    rs.getObject("owner_id", UUID.class), rs.getString("name"),
                    JSON.readValue(rs.getString("condition"), AlertCondition.class),
                    JSON.readValue(rs.getString("actions"), new TypeReference<List<AlertAction>>() { }),
                    rs.getString("severity"), rs.getBoolean("is_active"), rs.getObject("open_alert_id", UUID.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable rule row", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not representable as JSON: " + value, e);
        }
    }
}
