package com.dinsight.app.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.monitoring.Contribution;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Multipart;
import com.dinsight.app.support.SharedFiles;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.blob.BlobStore;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From a monitoring point to a resolved alert, over HTTP: a baseline analysed for real, rules made
 * over the API, monitoring batches published into the event store as the monitoring write model
 * records them (aggregate MonitoredBaseline), webhooks received by a real HTTP server on loopback.
 * Alerts are snapshotted every 3 events here, so their later commands load from snapshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dinsight.alerts.delivery.initial-backoff=20ms",
        "dinsight.alerts.delivery.max-attempts=3",
        "dinsight.snapshots.alert-threshold=3"})
@FreshDatabase
class AlertFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "the-rule-secret-0123456789";

    record Hook(String path, String signature, byte[] body) {
    }

    private static HttpServer hooks;
    private static final BlockingQueue<Hook> received = new LinkedBlockingQueue<>();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    private static Session admin;
    private static Session ann;
    private static Session bob;
    private static UUID dataset;
    private static UUID analysis;
    private static UUID dinsight;
    private static int nextOrder;
    private ApiClient api;

    @BeforeAll
    static void startHooks() throws IOException {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Hook(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-DInsight-Signature"), body));
            int status = exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hooks.start();
    }

    @AfterAll
    static void stopHooks() {
        hooks.stop(0);
    }

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        if (ann == null) {
            admin = TestUsers.signUp(api, "admin");
            ann = TestUsers.signUp(api, "ann");
            bob = TestUsers.signUp(api, "bob");
            Response created = api.as(ann.accessToken()).postJson("/api/v1/datasets", "{\"name\": \"Pump 7\"}");
            dataset = UUID.fromString(created.json().get("id").asText());
            byte[] baseline = Files.readAllBytes(SharedFiles.path("data/test-baseline.csv"));
            Response accepted = api.as(ann.accessToken()).postMultipart("/api/v1/analyze", new Multipart()
                    .file("files", "test-baseline.csv", baseline).field("dataset_id", dataset.toString()));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            analysis = UUID.fromString(accepted.json().get("analysis_id").asText());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    "completed".equals(api.as(ann.accessToken()).get("/api/v1/analyses/" + analysis).json().path("status").asText()));
            dinsight = UUID.fromString(api.as(ann.accessToken()).get("/api/v1/analyses/" + analysis).json()
                    .get("dinsight_id").asText());
        }
    }

    private ApiClient asAnn() {
        return api.as(ann.accessToken());
    }

    private static String hookUrl(String path) {
        return "http://127.0.0.1:" + hooks.getAddress().getPort() + path;
    }

    private String createRule(String name, String condition, String actions) {
        Response created = asAnn().postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "%s", "condition": %s, "actions": %s, "severity": "high"}"""
                .formatted(dataset, name, condition, actions));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** A point: anomalous ones get a severity and an anomaly id, as the monitoring write model assigns them. */
    private static MonitoringPoint point(double distance, String severity) {
        boolean anomalous = severity != null;
        int order = nextOrder++;
        return new MonitoringPoint(UUID.randomUUID(), order, Instant.now().truncatedTo(ChronoUnit.MICROS), 0.1 * order,
                0.2, distance, anomalous ? 4.5 : 0.5, anomalous, severity, 5.0, 3.0,
                anomalous ? List.of(new Contribution("f_10", 9.0, 1.0, 4.5)) : List.of(), Map.of("segID", "s" + order),
                anomalous ? UUID.randomUUID() : null);
    }

    /** Publishes one batch as the monitoring write model would (next sequence of the baseline's stream). */
    private void record(MonitoringPoint... points) throws IOException {
        int features = 3;
        ByteBuffer raw = ByteBuffer.allocate(points.length * features * Double.BYTES);
        for (int i = 0; i < points.length * features; i++) {
            raw.putDouble(i * 0.5);
        }
        BlobStore.Blob blob = blobs.put(raw.array());
        long sequence = jdbc.sql("SELECT coalesce(max(sequencenumber) + 1, 0) FROM axon.domain_event_entry WHERE aggregateidentifier = ?")
                .param(dinsight.toString()).query(Long.class).single();
        eventStore.publish(new GenericDomainEventMessage<>("MonitoredBaseline", dinsight.toString(), sequence,
                new MonitoringRecorded(dinsight, analysis, dataset, List.of(points),
                        new StoredFile("monitoring-rows", blob.sha256(), blob.size()), 0, features,
                        Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }

    private List<JsonNode> alertsOf(String ruleId) {
        List<JsonNode> alerts = new ArrayList<>();
        asAnn().get("/api/v1/alerts?dataset_id=" + dataset + "&size=500").json().get("items").forEach(alert -> {
            if (alert.get("alert_rule_id").asText().equals(ruleId)) {
                alerts.add(alert);
            }
        });
        return alerts;
    }

    private JsonNode awaitAlert(String alertId, java.util.function.Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = asAnn().get("/api/v1/alerts/" + alertId);
            return response.status() == 200 && condition.test(response.json());
        });
        return asAnn().get("/api/v1/alerts/" + alertId).json();
    }

    private static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Hook nextHook(String path) throws InterruptedException {
        while (true) {
            Hook hook = received.poll(30, TimeUnit.SECONDS);
            assertThat(hook).as("a webhook request to " + path).isNotNull();
            if (hook.path().equals(path)) {
                return hook;
            }
        }
    }

    @Test
    void a_matching_point_raises_an_alert_whose_signed_webhook_arrives_and_which_is_acknowledged_then_resolved() throws Exception {
        String rule = createRule("Far from the cloud", "{\"metric\": \"mahalanobis_distance\", \"operator\": \"greater_than\", \"value\": 5}",
                "[{\"type\": \"webhook\", \"url\": \"%s\", \"secret\": \"%s\"}, {\"type\": \"email\", \"to\": \"ops@example.com\"}]"
                        .formatted(hookUrl("/ok"), SECRET));
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn().get("/api/v1/alerts/rules/" + rule).status() == 200);
        Response rules = asAnn().get("/api/v1/alerts/rules?dataset_id=" + dataset);
        assertThat(rules.body()).contains(rule).doesNotContain(SECRET);
        JsonNode shown = asAnn().get("/api/v1/alerts/rules/" + rule).json();
        assertThat(shown.at("/condition/value").asDouble()).isEqualTo(5.0);
        assertThat(shown.at("/actions/0/url").asText()).isEqualTo(hookUrl("/ok"));
        assertThat(shown.get("signed").asBoolean()).isTrue();
        assertThat(shown.get("is_active").asBoolean()).isTrue();

        MonitoringPoint far = point(9.0, "high");
        record(point(1.0, null), far);
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1);
        String alertId = alertsOf(rule).get(0).get("id").asText();
        JsonNode alert = awaitAlert(alertId, a -> a.at("/data/deliveries").size() >= 2);
        assertThat(alert.get("status").asText()).isEqualTo("active");
        assertThat(alert.get("dataset_id").asText()).isEqualTo(dataset.toString());
        assertThat(alert.at("/data/count").asInt()).isEqualTo(1);
        assertThat(alert.at("/data/worst_severity").asText()).isEqualTo("high");
        assertThat(alert.at("/data/severity").asText()).isEqualTo("high");
        assertThat(alert.at("/data/matched_points/0/monitor_id").asText()).isEqualTo(far.monitorId().toString());
        assertThat(alert.at("/rule/name").asText()).isEqualTo("Far from the cloud");
        // the first anomaly: the anomalies projection wrote its row from the same batch, before the alert
        assertThat(alert.get("anomaly_id").asText()).isEqualTo(far.anomalyId().toString());
        assertThat(alert.at("/anomaly/id").asText()).isEqualTo(far.anomalyId().toString());
        assertThat(alert.at("/anomaly/severity").asText()).isEqualTo("high");
        List<String> outcomes = new ArrayList<>();
        alert.at("/data/deliveries").forEach(d -> outcomes.add(d.get("type").asText() + ":" + d.get("outcome").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder("webhook:delivered", "email:delivered");
        assertThat(alert.at("/data/deliveries").toString()).doesNotContain("ops@example.com");

        Hook hook = nextHook("/ok");
        assertThat(hook.signature()).isEqualTo(sign(hook.body()));
        JsonNode sent = JSON.readTree(hook.body());
        assertThat(sent.get("event").asText()).isEqualTo("alert.raised");
        assertThat(sent.at("/alert/id").asText()).isEqualTo(alertId);
        assertThat(sent.at("/alert/severity").asText()).isEqualTo("high");

        record(point(12.0, "critical"), point(2.0, null));
        JsonNode updated = awaitAlert(alertId, a -> a.at("/data/count").asInt() == 2);
        assertThat(updated.at("/data/worst_severity").asText()).isEqualTo("critical");
        assertThat(alertsOf(rule)).hasSize(1);

        Response byBob = api.as(bob.accessToken()).postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"mine\"}");
        assertThat(byBob.status()).isEqualTo(404);
        assertThat(api.as(bob.accessToken()).get("/api/v1/alerts/" + alertId).status()).isEqualTo(404);
        Response ack = asAnn().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"checking the bearing\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        Response again = asAnn().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("CONFLICT");
        awaitAlert(alertId, a -> a.get("status").asText().equals("acknowledged"));

        assertThat(asAnn().postJson("/api/v1/alerts/" + alertId + "/resolve", "{\"message\": \"bearing replaced\"}").status())
                .isEqualTo(200);
        JsonNode resolved = awaitAlert(alertId, a -> a.get("status").asText().equals("resolved"));
        assertThat(resolved.get("acknowledged_by").asText()).isEqualTo(ann.userId().toString());
        assertThat(resolved.get("resolved_by").asText()).isEqualTo(ann.userId().toString());
        assertThat(resolved.at("/data/messages/0/message").asText()).isEqualTo("checking the bearing");
        assertThat(resolved.at("/data/messages/1/message").asText()).isEqualTo("bearing replaced");
        assertThat(asAnn().postJson("/api/v1/alerts/" + alertId + "/resolve", "{}").status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM axon.snapshot_event_entry WHERE aggregateidentifier = ?").param(alertId)
                .query(Long.class).single() > 0);
        assertThat(asAnn().get("/api/v1/alerts?status=resolved&dataset_id=" + dataset).body()).contains(alertId);

        record(point(15.0, "critical"));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 2);
        assertThat(alertsOf(rule)).filteredOn(a -> a.get("status").asText().equals("active")).hasSize(1);
    }

    @Test
    void the_stream_pushes_a_new_alert_and_its_changes_and_a_reconnecting_client_gets_what_changed_meanwhile()
            throws Exception {
        String alertId;
        String rule;
        String lastEventId;
        try (AlertEvents live = AlertEvents.open(port, ann.accessToken(), null)) {
            rule = createRule("Streamed", "{\"metric\": \"mahalanobis_distance\", \"operator\": \"greater_than_or_equal\", \"value\": 30}", "[]");
            record(point(31.0, "critical"));
            JsonNode raised = live.next(rule, "active");
            assertThat(raised.at("/data/count").asInt()).isEqualTo(1);
            assertThat(raised.at("/rule/name").asText()).isEqualTo("Streamed");
            alertId = raised.get("id").asText();
            assertThat(asAnn().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"seen live\"}").status())
                    .isEqualTo(200);
            JsonNode acknowledged = live.next(rule, "acknowledged");
            assertThat(acknowledged.get("id").asText()).isEqualTo(alertId);
            lastEventId = live.lastId;
        }
        // away: the alert is resolved; a fresh stream shows only open alerts, a resumed one the change
        assertThat(asAnn().postJson("/api/v1/alerts/" + alertId + "/resolve", "{}").status()).isEqualTo(200);
        awaitAlert(alertId, a -> a.get("status").asText().equals("resolved"));
        try (AlertEvents resumed = AlertEvents.open(port, ann.accessToken(), lastEventId)) {
            assertThat(resumed.next(rule, "resolved").get("id").asText()).isEqualTo(alertId);
        }
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                        .header("Authorization", "Bearer " + ann.accessToken()).header("Last-Event-ID", "yesterday").GET()
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Last-Event-ID");
    }

    /** A client of GET /alerts/stream: the pushed alerts in order, and the id of the last one. */
    private static final class AlertEvents implements AutoCloseable {
        final BlockingQueue<JsonNode> pushed = new LinkedBlockingQueue<>();
        volatile String lastId;
        private final java.net.http.HttpResponse<java.util.stream.Stream<String>> response;

        private AlertEvents(java.net.http.HttpResponse<java.util.stream.Stream<String>> response) {
            this.response = response;
        }

        static AlertEvents open(int port, String token, String lastEventId) throws Exception {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                    .sendAsync(request.GET().build(), java.net.http.HttpResponse.BodyHandlers.ofLines())
                    .get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            AlertEvents events = new AlertEvents(response);
            Thread reader = new Thread(() -> {
                String id = null;
                try {
                    for (java.util.Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
                        String line = lines.next();
                        if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("data:")) {
                            events.lastId = id;
                            events.pushed.add(JSON.readTree(line.substring(5)));
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException closed) {
                    // the test closed the stream
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return events;
        }

        JsonNode next(String rule, String status) throws InterruptedException {
            return nextPushed(pushed, rule, status);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static JsonNode nextPushed(BlockingQueue<JsonNode> pushed, String rule, String status) throws InterruptedException {
        while (true) {
            JsonNode alert = pushed.poll(30, TimeUnit.SECONDS);
            assertThat(alert).as("a pushed alert of rule " + rule + " in status " + status).isNotNull();
            if (alert.get("alert_rule_id").asText().equals(rule) && alert.get("status").asText().equals(status)) {
                return alert;
            }
        }
    }

    @Test
    void points_delivered_twice_are_counted_once_and_raise_nothing_after_their_alert_was_resolved() throws Exception {
        String rule = createRule("Twice", "{\"metric\": \"mahalanobis_distance\", \"operator\": \"greater_than\", \"value\": 40}", "[]");
        MonitoringPoint first = point(41.0, "critical");
        MonitoringPoint second = point(42.0, "critical");
        record(first);
        record(first); // the same batch again, as after a segment moved mid-batch
        record(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1
                && alertsOf(rule).get(0).at("/data/matched_points").toString().contains(second.monitorId().toString()));
        JsonNode alert = alertsOf(rule).get(0);
        assertThat(alert.at("/data/count").asInt()).isEqualTo(2);
        String alertId = alert.get("id").asText();
        assertThat(asAnn().postJson("/api/v1/alerts/" + alertId + "/resolve", "{\"message\": \"done\"}").status()).isEqualTo(200);
        awaitAlert(alertId, a -> a.get("status").asText().equals("resolved"));

        record(first); // delivered once more after the alert it raised was resolved
        MonitoringPoint third = point(43.0, "critical");
        record(third);
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 2);
        JsonNode fresh = alertsOf(rule).stream().filter(a -> !a.get("id").asText().equals(alertId)).findFirst().orElseThrow();
        awaitAlert(fresh.get("id").asText(), a -> a.at("/data/count").asInt() >= 1);
        fresh = asAnn().get("/api/v1/alerts/" + fresh.get("id").asText()).json();
        assertThat(fresh.at("/data/count").asInt()).isEqualTo(1);
        assertThat(fresh.at("/data/matched_points/0/monitor_id").asText()).isEqualTo(third.monitorId().toString());
    }

    @Test
    void a_failing_webhook_is_retried_with_backoff_then_marked_failed() throws Exception {
        String rule = createRule("Failing hook", "{\"metric\": \"severity\", \"operator\": \"at_least\", \"value\": \"medium\"}",
                "[{\"type\": \"webhook\", \"url\": \"%s\", \"secret\": \"%s\"}]".formatted(hookUrl("/fail/" + UUID.randomUUID()), SECRET));
        record(point(3.0, "low"), point(8.0, "medium"));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1);
        String alertId = alertsOf(rule).get(0).get("id").asText();
        JsonNode alert = awaitAlert(alertId, a -> a.at("/data/deliveries").size() == 3);
        List<String> outcomes = new ArrayList<>();
        alert.at("/data/deliveries").forEach(d -> outcomes.add(d.get("attempt").asInt() + ":" + d.get("outcome").asText()
                + ":" + d.get("status_code").asInt()));
        assertThat(outcomes).containsExactly("1:retrying:500", "2:retrying:500", "3:failed:500");
        assertThat(alert.at("/data/count").asInt()).isEqualTo(1);
    }

    @Test
    void a_retry_left_due_by_a_node_that_stopped_is_sent_by_a_running_node() throws Exception {
        String path = "/durable/" + UUID.randomUUID();
        String rule = createRule("Durable hook", "{\"metric\": \"severity\", \"operator\": \"at_least\", \"value\": \"medium\"}",
                "[{\"type\": \"webhook\", \"url\": \"%s\", \"secret\": \"%s\"}]".formatted(hookUrl(path), SECRET));
        record(point(8.0, "medium"));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1);
        String alertId = alertsOf(rule).get(0).get("id").asText();
        Hook first = nextHook(path);
        awaitAlert(alertId, a -> a.at("/data/deliveries").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> dueAt(alertId) == null);

        // what a node leaves behind when it stops between two attempts: one attempt made, the next one
        // due, and the node's claim on it lapsed
        jdbc.sql("""
                        UPDATE alerting.deliveries SET attempts = 1, due_at = now(), claimed_until = now() - interval '1 minute'
                        WHERE alert_id = ?::uuid""").param(alertId).update();

        Hook second = nextHook(path);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.signature()).isEqualTo(sign(second.body()));
        JsonNode alert = awaitAlert(alertId, a -> a.at("/data/deliveries").size() == 2);
        assertThat(alert.at("/data/deliveries/1/attempt").asInt()).isEqualTo(2);
        assertThat(alert.at("/data/deliveries/1/outcome").asText()).isEqualTo("delivered");
        await().atMost(Duration.ofSeconds(10)).until(() -> dueAt(alertId) == null);
        // sent once more, not twice: no further request arrives for a poll interval and more
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> received.stream().noneMatch(hook -> hook.path().equals(path)));
    }

    private Object dueAt(String alertId) {
        List<Object> due = jdbc.sql("SELECT due_at FROM alerting.deliveries WHERE alert_id = ?::uuid").param(alertId)
                .query((rs, row) -> rs.getObject(1)).list();
        assertThat(due).hasSize(1);
        return due.get(0);
    }

    @Test
    void a_rule_an_admin_creates_on_a_users_dataset_belongs_to_that_user_who_manages_it_and_acknowledges_its_alerts()
            throws Exception {
        assertThat(new Caller(admin.userId(), admin.role()).isAdmin()).as("the first user signed up is an admin").isTrue();
        ApiClient asAdmin = api.as(admin.accessToken());
        Response created = asAdmin.postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "Set up by the admin",
                 "condition": {"metric": "mahalanobis_distance", "operator": "greater_than", "value": 7}}""".formatted(dataset));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("created_by").asText()).isEqualTo(ann.userId().toString());
        String rule = created.json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn().get("/api/v1/alerts/rules/" + rule).status() == 200);
        Response renamed = asAnn().putJson("/api/v1/alerts/rules/" + rule, "{\"name\": \"Pump 7, far points\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

        record(point(8.0, "high"));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1);
        String alertId = alertsOf(rule).get(0).get("id").asText();
        Response ack = asAnn().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"message\": \"on it\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(asAdmin.postJson("/api/v1/alerts/" + alertId + "/resolve", "{\"message\": \"checked\"}").status())
                .isEqualTo(200);
        JsonNode resolved = awaitAlert(alertId, a -> a.get("status").asText().equals("resolved"));
        assertThat(resolved.get("acknowledged_by").asText()).isEqualTo(ann.userId().toString());
        assertThat(resolved.get("resolved_by").asText()).isEqualTo(admin.userId().toString());
        assertThat(api.as(bob.accessToken()).get("/api/v1/alerts/rules/" + rule).status()).isEqualTo(404);
        assertThat(asAnn().delete("/api/v1/alerts/rules/" + rule).status()).isEqualTo(204);
    }

    @Test
    void an_anomaly_rate_rule_raises_once_the_rate_over_its_window_passes_the_value() throws Exception {
        String rule = createRule("Rate", "{\"metric\": \"anomaly_rate\", \"operator\": \"greater_than_or_equal\", \"value\": 0.5, \"window\": {\"points\": 4}}",
                "[]");
        record(point(1.0, null), point(9.0, "low"), point(1.0, null));
        record(point(1.0, null));
        assertThat(alertsOf(rule)).isEmpty();
        MonitoringPoint tipping = point(9.5, "medium");
        record(tipping);
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(rule).size() == 1);
        JsonNode alert = alertsOf(rule).get(0);
        assertThat(alert.at("/data/matched_points/0/monitor_id").asText()).isEqualTo(tipping.monitorId().toString());
    }

    @Test
    void rules_are_validated_field_by_field_and_owner_scoped() {
        Response invalid = asAnn().postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "", "condition": {"metric": "anomaly_rate", "operator": "greater_than", "value": 2},
                 "actions": [{"type": "webhook", "url": "not a url"}], "severity": "dire"}""".formatted(dataset));
        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        invalid.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("name", "condition.value", "condition.window", "actions[0].url", "severity");
        Response badShape = asAnn().postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "x", "condition": {"metric": "severity", "operator": "at_least", "value": "high", "colour": 1},
                 "actions": {"type": "email"}}""".formatted(dataset));
        assertThat(badShape.status()).isEqualTo(400);
        assertThat(badShape.body()).contains("condition.colour").contains("\"actions\"");

        Response generated = asAnn().postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "Generated secret", "condition": {"metric": "mahalanobis_distance", "operator": "greater_than", "value": 50},
                 "actions": [{"type": "webhook", "url": "%s"}]}""".formatted(dataset, hookUrl("/ok")));
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        assertThat(generated.json().get("webhook_secret").asText()).hasSize(64);
        assertThat(generated.json().get("severity").asText()).isEqualTo("medium");
        String rule = generated.json().get("id").asText();
        assertThat(generated.header("Location")).isEqualTo("/api/v1/alerts/rules/" + rule);

        ApiClient asBob = api.as(bob.accessToken());
        assertThat(asBob.postJson("/api/v1/alerts/rules", """
                {"dataset_id": "%s", "name": "Bob's", "condition": {"metric": "severity", "operator": "at_least", "value": "low"}}"""
                .formatted(dataset)).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn().get("/api/v1/alerts/rules/" + rule).status() == 200);
        assertThat(asBob.get("/api/v1/alerts/rules/" + rule).status()).isEqualTo(404);
        assertThat(asBob.get("/api/v1/alerts/rules").body()).doesNotContain(rule);
        assertThat(asBob.putJson("/api/v1/alerts/rules/" + rule, "{\"name\": \"Bob's now\"}").status()).isEqualTo(404);
        assertThat(asBob.delete("/api/v1/alerts/rules/" + rule).status()).isEqualTo(404);

        Response deactivated = asAnn().putJson("/api/v1/alerts/rules/" + rule, "{\"is_active\": false, \"name\": \"Paused\"}");
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json().get("is_active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("name").asText()).isEqualTo("Paused");
        assertThat(deactivated.json().at("/condition/value").asDouble()).isEqualTo(50.0);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !asAnn().get("/api/v1/alerts/rules/" + rule).json().get("is_active").asBoolean());
        assertThat(asAnn().delete("/api/v1/alerts/rules/" + rule).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn().get("/api/v1/alerts/rules/" + rule).status() == 404);
        assertThat(asAnn().putJson("/api/v1/alerts/rules/" + rule, "{\"name\": \"back\"}").status()).isEqualTo(404);
        assertThat(asAnn().get("/api/v1/alerts?status=open").status()).isEqualTo(400);
        assertThat(asAnn().postJson("/api/v1/alerts/" + UUID.randomUUID() + "/acknowledge", "{}").status()).isEqualTo(404);
    }
}
