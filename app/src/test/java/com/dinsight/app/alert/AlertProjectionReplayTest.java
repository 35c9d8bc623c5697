package com.dinsight.app.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.alert.AlertAcknowledged;
import com.dinsight.api.alert.AlertDeliveryAttempted;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.AlertResolved;
import com.dinsight.api.alert.AlertUpdated;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.testsupport.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties the read model, replays the event store into it, and finds alert_rules and alerts
 * identical: rules created, updated, deactivated and deleted (with an alert that went with its
 * rule); alerts raised, updated twice, with deliveries, acknowledged and resolved; a dataset deleted
 * with its rule and alert, after which alerts are still projected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
class AlertProjectionReplayTest {

    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("alert_rules", "t.id");
        TABLES.put("alerts", "t.id");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private final Map<UUID, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2026-11-25T10:00:00Z");

    private Instant tick() {
        clock = clock.plusMillis(1500);
        return clock;
    }

    private void publish(UUID alert, Object payload) {
        long sequence = sequences.merge(alert, 0L, (old, zero) -> old + 1);
        eventStore.publish(new GenericDomainEventMessage<>("Alert", alert.toString(), sequence, payload));
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private Map<String, String> snapshot() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        TABLES.forEach((table, order) -> snapshot.put(table, jdbc.sql("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY "
                + order + "), '') FROM " + table + " t").query(String.class).single()));
        return snapshot;
    }

    private static String rule(ApiClient api, UUID dataset, String name, String condition) {
        Response created = api.postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "%s", "condition": %s, "actions": [], "severity": "critical"}"""
                .formatted(dataset, name, condition));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static MatchedPoint point(UUID baseline, int order, Instant at, String severity) {
        return new MatchedPoint(UUID.nameUUIDFromBytes(("p" + order).getBytes()), baseline, order, at, 7.5 + order,
                severity != null, severity, null);
    }

    @Test
    void resetting_the_read_model_and_replaying_the_event_store_rebuilds_identical_alert_rules_and_alerts() {
        ApiClient api = new ApiClient(port);
        TestUsers.signUp(api, "admin");
        Session ann = TestUsers.signUp(api, "ann");
        ApiClient asAnn = api.as(ann.accessToken());
        UUID dataset = UUID.fromString(asAnn.postJson("/api/v1/datasets", "{\"name\": \"Replayed\"}").json().get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn.get("/api/v1/datasets/" + dataset).status() == 200);

        UUID kept = UUID.fromString(rule(asAnn, dataset, "Distance", "{\"metric\": \"mahalanobis_distance\", \"operator\": \"greater_than\", \"value\": 7}"));
        UUID paused = UUID.fromString(rule(asAnn, dataset, "Rate", "{\"metric\": \"anomaly_rate\", \"operator\": \"greater_than\", \"value\": 0.25, \"window\": {\"minutes\": 10}}"));
        UUID gone = UUID.fromString(rule(asAnn, dataset, "Gone", "{\"metric\": \"severity\", \"operator\": \"at_least\", \"value\": \"high\"}"));
        assertThat(asAnn.putJson("/api/v1/alerts/rules/" + paused, "{\"is_active\": false, \"severity\": \"low\"}").status()).isEqualTo(200);

        UUID baseline = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        MatchedPoint p1 = point(baseline, 1, tick(), "medium");
        publish(first, new AlertRaised(first, kept, dataset, ann.userId(), "Distance", "critical", null, 1, p1.timestamp(),
                p1.timestamp(), "medium", List.of(p1), Map.of(baseline, 1), tick()));
        MatchedPoint p2 = point(baseline, 2, tick(), null);
        publish(first, new AlertUpdated(first, dataset, 1, 2, p2.timestamp(), "medium", List.of(p2), Map.of(baseline, 2), tick()));
        publish(first, new AlertDeliveryAttempted(first, dataset, 0, "webhook", "http://127.0.0.1:9/hook", 1, "retrying", 503,
                "HTTP 503", tick()));
        publish(first, new AlertDeliveryAttempted(first, dataset, 0, "webhook", "http://127.0.0.1:9/hook", 2, "delivered", 200,
                null, tick()));
        MatchedPoint p3 = point(baseline, 3, tick(), "critical");
        publish(first, new AlertUpdated(first, dataset, 1, 3, p3.timestamp(), "critical", List.of(p3), Map.of(baseline, 3), tick()));
        publish(first, new AlertAcknowledged(first, dataset, ann.userId(), "on it", tick()));
        publish(first, new AlertResolved(first, kept, dataset, ann.userId(), "fixed", tick()));

        UUID second = UUID.randomUUID();
        MatchedPoint p4 = point(baseline, 4, tick(), "low");
        publish(second, new AlertRaised(second, kept, dataset, ann.userId(), "Distance", "critical", null, 1, p4.timestamp(),
                p4.timestamp(), "low", List.of(p4), Map.of(baseline, 4), tick()));

        UUID orphan = UUID.randomUUID();
        MatchedPoint p5 = point(baseline, 5, tick(), "high");
        publish(orphan, new AlertRaised(orphan, gone, dataset, ann.userId(), "Gone", "critical", null, 1, p5.timestamp(),
                p5.timestamp(), "high", List.of(p5), Map.of(baseline, 5), tick()));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("alerts") == 3);
        assertThat(asAnn.delete("/api/v1/alerts/rules/" + gone).status()).isEqualTo(204);

        // a dataset deleted with its rule and alert: the alert goes with it (V14), the read model goes on
        UUID doomed = UUID.fromString(asAnn.postJson("/api/v1/datasets", "{\"name\": \"Doomed\"}").json().get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn.get("/api/v1/datasets/" + doomed).status() == 200);
        UUID doomedRule = UUID.fromString(rule(asAnn, doomed, "Doomed", "{\"metric\": \"severity\", \"operator\": \"at_least\", \"value\": \"low\"}"));
        UUID doomedAlert = UUID.randomUUID();
        MatchedPoint p6 = point(baseline, 6, tick(), "low");
        publish(doomedAlert, new AlertRaised(doomedAlert, doomedRule, doomed, ann.userId(), "Doomed", "critical", null, 1,
                p6.timestamp(), p6.timestamp(), "low", List.of(p6), Map.of(baseline, 6), tick()));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("alerts") == 3);
        assertThat(asAnn.delete("/api/v1/datasets/" + doomed).status()).isEqualTo(204);
        UUID afterwards = UUID.randomUUID();
        MatchedPoint p7 = point(baseline, 7, tick(), "high");
        publish(afterwards, new AlertRaised(afterwards, kept, dataset, ann.userId(), "Distance", "critical", null, 1,
                p7.timestamp(), p7.timestamp(), "high", List.of(p7), Map.of(baseline, 7), tick()));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("alerts") == 3 && count("alert_rules") == 2
                && "resolved".equals(jdbc.sql("SELECT status FROM alerts WHERE id = ?").param(first).query(String.class).single())
                && jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?").param(afterwards).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE dataset_id = ?").param(doomed).query(Long.class).single()).isZero();
        Map<String, Object> resolved = jdbc.sql("SELECT data::text AS data, status FROM alerts WHERE id = ?").param(first).query().singleRow();
        assertThat((String) resolved.get("data")).contains("\"count\": 3", "\"worst_severity\": \"critical\"", "\"outcome\": \"delivered\"",
                "\"message\": \"fixed\"");
        Map<String, String> before = snapshot();

        StreamingEventProcessor processor = ReadModelReplay.restart(processing, () -> TABLES.keySet()
                .forEach(table -> assertThat(count(table)).as("%s emptied by the reset", table).isZero()));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                ReadModelReplay.caughtUp(processor, () -> snapshot().equals(before)));
        assertThat(snapshot()).isEqualTo(before);
    }
}
