package com.dinsight.app.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scenario through the real monitoring write model: a baseline from test-baseline.csv,
 * a rule on its dataset, then rows of test-monitoring.csv with features f_10..f_59 multiplied by 5
 * posted to /monitor: one alert, linked to the first anomaly, its webhook signed; more faulty rows
 * update that alert instead of raising another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class AlertMonitoringFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "monitoring-flow-secret-42";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    record Hook(String signature, byte[] body) {
    }

    private static List<String> anomalous(Response posted) {
        List<String> anomalies = new ArrayList<>();
        posted.json().get("points").forEach(p -> {
            if (p.get("anomalous").asBoolean()) {
                anomalies.add(p.get("monitor_id").asText());
            }
        });
        return anomalies;
    }

    private String alertsWithTheirAnomalies() {
        return jdbc.sql("SELECT coalesce(string_agg(id || ' ' || coalesce(anomaly_id::text, '-'), ',' ORDER BY id), '')"
                + " FROM alerts").query(String.class).single();
    }

    private String firstAnomalyId(String alertId) {
        return jdbc.sql("SELECT anomaly_id::text FROM alerts WHERE id = ?::uuid").param(alertId).query(String.class).single();
    }

    @Test
    void faulty_rows_posted_to_monitoring_raise_one_signed_alert_that_further_faults_update() throws Exception {
        BlockingQueue<Hook> hooks = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            hooks.add(new Hook(exchange.getRequestHeaders().getFirst("X-DInsight-Signature"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            ApiClient api = new ApiClient(port);
            TestUsers.signUp(api, "admin");
            Session owner = TestUsers.signUp(api, "owner");
            ApiClient asOwner = api.as(owner.accessToken());
            Baselines.Baseline baseline = Baselines.ready(asOwner);
            String dataset = baseline.datasetId();
            String dinsight = baseline.dinsightId();

            Response rule = asOwner.postJson("/api/v1/alerts/rules", """
                    {"dataset_id": "%s", "name": "Bearing band", "severity": "critical",
                     "condition": {"metric": "severity", "operator": "at_least", "value": "low"},
                     "actions": [{"type": "webhook", "url": "http://127.0.0.1:%d/hook", "secret": "%s"}]}"""
                    .formatted(dataset, server.getAddress().getPort(), SECRET));
            assertThat(rule.status()).as(rule.body()).isEqualTo(201);
            String ruleId = rule.json().get("id").asText();

            Response first = asOwner.postJson("/api/v1/monitor/" + dinsight, MonitoringData.rows(0, 20, 10, 59, 5).toString());
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            List<String> firstAnomalies = anomalous(first);
            assertThat(firstAnomalies).hasSizeGreaterThanOrEqualTo(10);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    asOwner.get("/api/v1/alerts?dataset_id=" + dataset).json().get("total").asLong() == 1);
            JsonNode alert = asOwner.get("/api/v1/alerts?dataset_id=" + dataset).json().at("/items/0");
            assertThat(alert.get("alert_rule_id").asText()).isEqualTo(ruleId);
            assertThat(alert.at("/data/count").asInt()).isEqualTo(firstAnomalies.size());
            assertThat(alert.at("/data/severity").asText()).isEqualTo("critical");
            assertThat(alert.at("/anomaly/metadata/monitor_id").asText()).isEqualTo(firstAnomalies.get(0));
            assertThat(alert.at("/anomaly/features").size()).isPositive();

            Hook hook = hooks.poll(30, TimeUnit.SECONDS);
            assertThat(hook).isNotNull();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(hook.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body())));
            assertThat(JSON.readTree(hook.body()).at("/alert/id").asText()).isEqualTo(alert.get("id").asText());

            Response second = asOwner.postJson("/api/v1/monitor/" + dinsight, MonitoringData.rows(20, 10, 10, 59, 5).toString());
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            int total = firstAnomalies.size() + anomalous(second).size();
            String alertId = alert.get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    asOwner.get("/api/v1/alerts/" + alertId).json().at("/data/count").asInt() == total);
            assertThat(asOwner.get("/api/v1/alerts?dataset_id=" + dataset).json().get("total").asLong()).isEqualTo(1);

            // replayed, the alert's event and its anomaly's event are handled in one batch: the
            // anomaly, collected for the batch's commit, must be written before the alert looks it up
            String before = alertsWithTheirAnomalies();
            assertThat(before).contains(firstAnomalyId(alertId));
            StreamingEventProcessor processor = ReadModelReplay.restart(processing,
                    () -> assertThat(alertsWithTheirAnomalies()).isEmpty());
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    ReadModelReplay.caughtUp(processor, () -> alertsWithTheirAnomalies().equals(before)));
        } finally {
            server.stop(0);
        }
    }
}
