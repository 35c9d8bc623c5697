package com.dinsight.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.blob.BlobStore;
import com.dinsight.query.ReadModel;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Zero-downtime replay over real HTTP and PostgreSQL. The data come through the API and fill every
 * table of the read model: users (a super_admin, an admin, an owner, one logged out), configuration
 * versions, a baseline analysis (upload, features, coordinates), thresholds, monitoring with
 * anomalies (one acknowledged), an alert rule with its alert, and a dataset deleted with its rule and alert.
 * A test-only gate holds a replay before its switch, to query while it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroDowntimeReplayTest {

    /** Holds a replay before its switch while armed, so a test can look at the queries meanwhile. */
    static final class HeldSwitch implements ReplaySwitchGate {
        volatile CountDownLatch release;
        final CountDownLatch reached = new CountDownLatch(1);

        @Override
        public void beforeSwitch(String processor) throws InterruptedException {
            CountDownLatch held = release;
            if (held != null) {
                reached.countDown();
                held.await(120, TimeUnit.SECONDS);
            }
        }
    }

    @TestConfiguration
    static class Gate {
        @Bean
        HeldSwitch heldSwitch() {
            return new HeldSwitch();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HeldSwitch heldSwitch;
    @Autowired
    BlobStore blobs;
    @Autowired
    EventStore eventStore;

    private ApiClient api;
    private ApiClient asRoot;
    private ApiClient asOwner;
    private String asOwnerToken;
    private ApiClient asAdmin;
    private ApiClient asUser;
    private Baselines.Baseline baseline;

    @BeforeAll
    void produceDataInEveryTable() {
        api = new ApiClient(port);
        Session root = TestUsers.signUp(api, "root");
        assertThat(root.role()).isEqualTo("super_admin");
        asRoot = api.as(root.accessToken());
        Session owner = TestUsers.signUp(api, "owner");
        asOwner = api.as(owner.accessToken());
        asOwnerToken = owner.accessToken();
        Session admin = TestUsers.signUp(api, "admin");
        assertThat(asRoot.putJson("/api/v1/admin/users/" + admin.userId() + "/role", "{\"role\": \"admin\"}").status())
                .isEqualTo(200);
        asAdmin = api.as(admin.accessToken());
        Session leaver = TestUsers.signUp(api, "leaver");
        asUser = api.as(leaver.accessToken());
        assertThat(api.postJson("/api/v1/auth/logout", "{\"refresh_token\": \"%s\"}".formatted(leaver.refreshToken())).status())
                .isEqualTo(204);
        asUser = api.as(TestUsers.logIn(api, leaver.email(), TestUsers.PASSWORD).accessToken());
        assertThat(asRoot.postJson("/api/v1/config", "{\"alpha\": 0.2}").status()).isEqualTo(201);

        baseline = Baselines.ready(asOwner);
        assertThat(asOwner.putJson("/api/v1/analytics/thresholds/" + baseline.datasetId(),
                "{\"anomaly_threshold\": null, \"sensitivity_factor\": 1.5}").status()).isEqualTo(200);
        Response rule = asOwner.postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "Any anomaly", "severity": "high",
                 "condition": {"metric": "severity", "operator": "at_least", "value": "low"}, "actions": []}"""
                .formatted(baseline.datasetId()));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        Response faulty = asOwner.postJson("/api/v1/monitor/" + baseline.dinsightId(), MonitoringData.rows(0, 20, 10, 59, 5).toString());
        assertThat(faulty.status()).as(faulty.body()).isEqualTo(200);
        assertThat(asOwner.postJson("/api/v1/monitor/" + baseline.dinsightId(), MonitoringData.rows(20, 10).toString()).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("anomalies") > 0);
        String anomalyId = jdbc.sql("SELECT id::text FROM anomalies ORDER BY timestamp LIMIT 1").query(String.class).single();
        assertThat(asOwner.postJson("/api/v1/anomalies/" + anomalyId + "/acknowledge", "").status()).isEqualTo(200);
        // a dataset deleted with its rule and an alert: the shadow needs the foreign keys' cascades and the V14 triggers
        String doomed = asOwner.postJson("/api/v1/datasets", "{\"name\": \"Doomed\"}").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> asOwner.get("/api/v1/datasets/" + doomed).status() == 200);
        Response doomedRule = asOwner.postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "Doomed", "severity": "low",
                 "condition": {"metric": "severity", "operator": "at_least", "value": "low"}, "actions": []}""".formatted(doomed));
        assertThat(doomedRule.status()).as(doomedRule.body()).isEqualTo(201);
        UUID doomedAlert = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        MatchedPoint point = new MatchedPoint(UUID.randomUUID(), UUID.fromString(baseline.dinsightId()), 0, at, 9.5, true, "low", null);
        eventStore.publish(new GenericDomainEventMessage<>("Alert", doomedAlert.toString(), 0, new AlertRaised(doomedAlert,
                UUID.fromString(doomedRule.json().get("id").asText()), UUID.fromString(doomed), owner.userId(), "Doomed", "low",
                null, 1, at, at, "low", List.of(point), Map.of(point.dinsightId(), 0), at)));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?")
                .param(doomedAlert).query(Long.class).single() == 1);
        assertThat(asOwner.delete("/api/v1/datasets/" + doomed).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> ReadModel.TABLES.stream().allMatch(table -> count(table) > 0)
                && asOwner.get("/api/v1/alerts?dataset_id=" + baseline.datasetId()).json().path("total").asLong() == 1
                && asOwner.get("/api/v1/datasets/" + doomed).status() == 404
                && jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?").param(doomedAlert).query(Long.class).single() == 0
                && readModelLag() == 0);
    }

    @Test
    @Order(1)
    void a_replay_of_all_projections_rebuilds_every_read_table_row_for_row() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("audit_logs")
                == jdbc.sql("SELECT count(*) FROM axon.domain_event_entry").query(Long.class).single());
        Map<String, String> before = checksums();
        // damage the live tables: the replay must put back what the events say
        jdbc.sql("UPDATE users SET full_name = 'tampered' WHERE role = 'user'").update();
        jdbc.sql("DELETE FROM monitor_data WHERE process_order = 3").update();
        jdbc.sql("INSERT INTO config_data (id, created_at) VALUES (99, now())").update();
        jdbc.sql("UPDATE audit_logs SET action = 'tampered' WHERE action = 'UserRegistered'").update();
        assertThat(checksums()).isNotEqualTo(before);

        Response accepted = asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"all\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Location")).endsWith("/api/v1/admin/replay/all");
        assertThat(accepted.json().findValuesAsText("processor")).contains("read-model", "audit");
        assertThat(awaitEnd("audit").get("state").asText()).isEqualTo("completed");

        JsonNode done = awaitEnd("read-model");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("events_done").asLong()).isPositive().isGreaterThanOrEqualTo(done.get("events_total").asLong() - 1);
        assertThat(done.get("rate").asDouble()).isPositive();
        assertThat(done.get("rows_changed").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(done.get("live_paused_millis").asLong()).isNotNegative();
        System.out.printf("REPLAY read-model: %d events in %s..%s, %.1f events/s, %d rows changed, live paused %d ms%n",
                done.get("events_done").asLong(), done.get("started_at").asText(), done.get("finished_at").asText(),
                done.get("rate").asDouble(), done.get("rows_changed").asLong(), done.get("live_paused_millis").asLong());

        assertThat(checksums()).isEqualTo(before);
        assertThat(asRoot.get("/api/v1/admin/replay/all").json().get("state").asText()).isEqualTo("completed");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'replay\\_%'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM axon.token_entry WHERE processorName LIKE '%@replay'").query(Long.class).single())
                .isZero();
        JsonNode readModel = processor("read-model");
        assertThat(readModel.get("running").asBoolean()).isTrue();
        assertThat(readModel.get("replayable").asBoolean()).isTrue();
        assertThat(readModel.at("/replay/state").asText()).isEqualTo("completed");

        // the live processor goes on from the shadow's token: a new event lands once, in public
        String later = asOwner.postJson("/api/v1/datasets", "{\"name\": \"After the replay\"}").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> asOwner.get("/api/v1/datasets/" + later).status() == 200);
    }

    @Test
    @Order(2)
    void while_a_replay_runs_queries_answer_the_old_data_and_new_events_still_arrive() throws Exception {
        List<String> paths = List.of("/api/v1/analyses/" + baseline.analysisId(), "/api/v1/monitor/" + baseline.dinsightId(),
                "/api/v1/alerts?dataset_id=" + baseline.datasetId(), "/api/v1/dinsight/" + baseline.dinsightId(),
                "/api/v1/feature/" + baseline.fileUploadId() + "/range?start=0&end=5", "/api/v1/users/profile");
        Map<String, String> expected = answers(paths);
        expected.values().forEach(body -> assertThat(body).isNotBlank().isNotEqualTo("[]"));
        Map<String, String> tables = checksums();
        CountDownLatch release = new CountDownLatch(1);
        heldSwitch.release = release;

        assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\"}").status()).isEqualTo(202);
        assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\"}").json().get("code").asText())
                .isEqualTo("CONFLICT");
        assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"all\"}").status()).isEqualTo(409);
        try {
            watchWhileHeld(paths, expected);
        } finally {
            heldSwitch.release = null;
            release.countDown();
        }
        JsonNode done;
        do {
            assertThat(answers(paths)).isEqualTo(expected);
            done = asRoot.get("/api/v1/admin/replay/read-model").json();
        } while (!done.get("state").asText().matches("completed|failed"));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(answers(paths)).isEqualTo(expected);
        assertThat(asOwner.get("/api/v1/datasets/" + during).status()).isEqualTo(200);
        Map<String, String> after = checksums();
        // the dataset created meanwhile is in both, as is its audit row
        tables.remove("datasets");
        after.remove("datasets");
        tables.remove("audit_logs");
        after.remove("audit_logs");
        assertThat(after).isEqualTo(tables);
    }

    private String during;

    private void watchWhileHeld(List<String> paths, Map<String, String> expected) throws InterruptedException {
        while (!heldSwitch.reached.await(20, TimeUnit.MILLISECONDS)) {
            assertThat(answers(paths)).isEqualTo(expected);
        }
        // held before the switch: the shadow is complete, the live tables still answer, events still arrive
        assertThat(asRoot.get("/api/v1/admin/replay/read-model").json().get("state").asText()).isEqualTo("switching");
        assertThat(jdbc.sql("SELECT count(*) FROM replay_read_model.monitor_data").query(Long.class).single())
                .isEqualTo(count("monitor_data")).isPositive();
        assertThat(answers(paths)).isEqualTo(expected);
        during = asOwner.postJson("/api/v1/datasets", "{\"name\": \"During the replay\"}").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> asOwner.get("/api/v1/datasets/" + during).status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM replay_read_model.datasets WHERE id = ?::uuid")
                .param(during).query(Long.class).single() == 1);
    }

    @Test
    @Order(3)
    void a_failed_replay_leaves_the_live_tables_untouched_and_says_why() throws Exception {
        Map<String, String> before = checksums();
        String sha = jdbc.sql("SELECT substring(file_path from 6) FROM file_uploads LIMIT 1").query(String.class).single();
        Path blob = blobs.path(sha);
        Path aside = blob.resolveSibling(sha + ".aside");
        Files.move(blob, aside);
        try {
            assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\"}").status()).isEqualTo(202);
            JsonNode failed = awaitEnd("read-model");
            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains("shadow");
        } finally {
            Files.move(aside, blob);
        }
        assertThat(checksums()).isEqualTo(before);
        assertThat(processor("read-model").get("running").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'replay_read_model'").query(Long.class).single()).isZero();
        String later = asOwner.postJson("/api/v1/datasets", "{\"name\": \"After a failed replay\"}").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> asOwner.get("/api/v1/datasets/" + later).status() == 200);
    }

    @Test
    @Order(4)
    void only_a_super_admin_may_see_processors_and_replay_and_bad_names_are_refused() {
        for (ApiClient caller : List.of(asAdmin, asUser)) {
            assertThat(caller.get("/api/v1/admin/processors").status()).isEqualTo(403);
            Response refused = caller.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\"}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(caller.get("/api/v1/admin/replay/read-model").status()).isEqualTo(403);
        }
        assertThat(asAdmin.get("/api/v1/admin/users").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/processors").status()).isEqualTo(401);

        Response unknown = asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("processor");
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("'nope'", "read-model", "all");
        for (String policy : List.of("analysis-worker", "alert-policy", "alert-delivery")) {
            Response sideEffects = asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"%s\"}".formatted(policy));
            assertThat(sideEffects.status()).isEqualTo(400);
            assertThat(sideEffects.json().at("/errors/0/message").asText()).contains("side effects");
        }
        assertThat(asRoot.postJson("/api/v1/admin/replay", "{}").json().at("/errors/0/field").asText()).isEqualTo("processor");
        assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\", \"fast\": true}").status())
                .isEqualTo(400);
        assertThat(asRoot.get("/api/v1/admin/replay/nope").status()).isEqualTo(400);

        JsonNode processors = asRoot.get("/api/v1/admin/processors").json().get("items");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        processors.forEach(p -> byName.put(p.get("name").asText(), p));
        assertThat(byName).containsKeys("read-model", "analysis-worker", "alert-policy", "alert-delivery", "alert-lookup");
        JsonNode readModel = byName.get("read-model");
        assertThat(readModel.get("type").asText()).isEqualTo("pooled");
        assertThat(readModel.get("segments_claimed").asInt()).isEqualTo(1);
        assertThat(readModel.get("head").asLong()).isPositive();
        assertThat(readModel.get("position").asLong()).isLessThanOrEqualTo(readModel.get("head").asLong());
        assertThat(byName.get("analysis-worker").get("replayable").asBoolean()).isFalse();
        assertThat(byName.get("alert-lookup").get("type").asText()).isEqualTo("subscribing");
    }

    @Test
    @Order(5)
    void a_replay_pushes_nothing_to_live_alert_streams() throws Exception {
        String alertId = asOwner.get("/api/v1/alerts?dataset_id=" + baseline.datasetId()).json().at("/items/0/id").asText();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (EventStream stream = new EventStream(port, "/api/v1/alerts/stream", asOwnerToken, received)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1); // the open alert
            assertThat(asRoot.postJson("/api/v1/admin/replay", "{\"processor\": \"read-model\"}").status()).isEqualTo(202);
            assertThat(awaitEnd("read-model").get("state").asText()).isEqualTo("completed");
            // a live change after the replay: the stream sends in order, so a replayed push would come before it
            assertThat(asOwner.postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"seen\"}").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
            assertThat(received).containsExactly(alertId, alertId);
        }
    }

    /** An SSE client collecting the ids of the alerts (or points) sent, on a thread of its own, closed with the try block. */
    private static final class EventStream implements AutoCloseable {
        private final InputStream body;
        private final Thread reader;

        EventStream(int port, String path, String token, List<String> ids) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring(5))
                                    .get("id").asText());
                        }
                    }
                } catch (IOException closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws Exception {
            body.close();
            reader.join(5_000);
        }
    }

    private JsonNode awaitEnd(String processor) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                asRoot.get("/api/v1/admin/replay/" + processor).json().get("state").asText().matches("completed|failed"));
        return asRoot.get("/api/v1/admin/replay/" + processor).json();
    }

    private JsonNode processor(String name) {
        for (JsonNode processor : asRoot.get("/api/v1/admin/processors").json().get("items")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("No processor " + name);
    }

    private long readModelLag() {
        JsonNode lag = processor("read-model").get("lag");
        return lag == null || lag.isNull() ? -1 : lag.asLong();
    }

    private Map<String, String> answers(List<String> paths) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : paths) {
            Response response = asOwner.get(path);
            answers.put(path, response.status() + " " + response.body());
        }
        return answers;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Rows and an md5 of every row's text, in text order, per table of the read model. */
    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : java.util.stream.Stream.concat(ReadModel.TABLES.stream(), java.util.stream.Stream.of("audit_logs"))
                .toList()) {
            sums.put(table, jdbc.sql("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM "
                    + table + " t").query(String.class).single());
        }
        return sums;
    }
}
