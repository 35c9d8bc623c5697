package com.dinsight.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.Multipart;
import com.dinsight.app.support.SharedFiles;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Monitoring end to end over HTTP: a baseline from the shared data, then rows healthy and faulty. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dinsight.snapshots.monitored-baseline-threshold=3")
@FreshDatabase
class MonitoringFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Session owner;
    private static Session stranger;
    private static String dinsightId;
    private static String datasetId;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Serializer serializer;
    ApiClient api;
    ApiClient asOwner;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        if (owner == null) {
            TestUsers.signUp(api, "admin");
            owner = TestUsers.signUp(api, "owner");
            stranger = TestUsers.signUp(api, "stranger");
            Baselines.Baseline baseline = Baselines.ready(api.as(owner.accessToken()));
            datasetId = baseline.datasetId();
            dinsightId = baseline.dinsightId();
        }
        asOwner = api.as(owner.accessToken());
    }

    private Response post(ObjectNode body) {
        return asOwner.postJson("/api/v1/monitor/" + dinsightId, body.toString());
    }

    @Test
    void healthy_rows_from_a_file_are_placed_and_scored_with_few_anomalies() throws Exception {
        byte[] file = Files.readAllBytes(SharedFiles.path("data/test-monitoring.csv"));
        String crlfWithBom = "\uFEFF" + new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        Response response = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "monitoring-bom-crlf.csv", crlfWithBom.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode points = response.json().get("points");
        assertThat(points.size()).isEqualTo(219);
        long anomalous = 0;
        for (JsonNode point : points) {
            assertThat(point.get("monitor_id").asText()).isNotBlank();
            assertThat(Double.isFinite(point.get("dinsight_x").asDouble())).isTrue();
            assertThat(point.get("mahalanobis_distance").asDouble()).isNotNegative();
            anomalous += point.get("anomalous").asBoolean() ? 1 : 0;
        }
        assertThat(anomalous).isLessThanOrEqualTo(4); // at most 2% of 219

        JsonNode summary = asOwner.postJson("/api/v1/analytics/anomaly-detection",
                "{\"dinsight_id\": \"%s\"}".formatted(dinsightId)).json();
        await().atMost(Duration.ofSeconds(20)).until(() -> asOwner.postJson("/api/v1/analytics/anomaly-detection",
                "{\"dinsight_id\": \"%s\"}".formatted(dinsightId)).json().get("total_points").asLong() >= 219);
        summary = asOwner.postJson("/api/v1/analytics/anomaly-detection", "{\"dinsight_id\": \"%s\"}".formatted(dinsightId)).json();
        assertThat(summary.get("threshold").asDouble()).isGreaterThanOrEqualTo(3.0349);
        assertThat(summary.at("/statistics/mean_distance").asDouble()).isPositive();
        assertThat(summary.has("centroid_distance")).isTrue();
    }

    @Test
    void faulty_rows_become_anomalies_whose_contributing_features_lie_in_the_faulty_band() {
        Response response = post(MonitoringData.rows(0, 50, 10, 59, 5));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Set<String> anomalousPoints = new HashSet<>();
        for (JsonNode point : response.json().get("points")) {
            if (point.get("anomalous").asBoolean()) {
                anomalousPoints.add(point.get("monitor_id").asText());
            }
        }
        assertThat(anomalousPoints).hasSizeGreaterThanOrEqualTo(40);

        await().atMost(Duration.ofSeconds(20)).until(() -> ofThesePoints(anomalousPoints).size() == anomalousPoints.size());
        List<JsonNode> anomalies = ofThesePoints(anomalousPoints);
        int inBand = 0;
        for (JsonNode anomaly : anomalies) {
            int count = 0;
            for (JsonNode feature : anomaly.get("features")) {
                int index = Integer.parseInt(feature.get("name").asText().substring(2));
                count += index >= 10 && index <= 59 ? 1 : 0;
            }
            inBand += count >= 3 ? 1 : 0;
            assertThat(anomaly.get("severity").asText()).isIn("low", "medium", "high", "critical");
            assertThat(anomaly.get("distance").asDouble()).isPositive();
        }
        assertThat(inBand).isGreaterThanOrEqualTo((int) (0.8 * anomalies.size()));
        assertThat(api.as(stranger.accessToken()).get("/api/v1/anomalies?dataset_id=" + datasetId).json()
                .get("total").asLong()).isZero();
    }

    private List<JsonNode> ofThesePoints(Set<String> monitorIds) {
        List<JsonNode> found = new ArrayList<>();
        asOwner.get("/api/v1/anomalies?dataset_id=" + datasetId + "&size=500").json().get("items").forEach(anomaly -> {
            if (monitorIds.contains(anomaly.at("/metadata/monitor_id").asText())) {
                found.add(anomaly);
            }
        });
        return found;
    }

    @Test
    void an_anomaly_is_acknowledged_once_by_its_owner_with_who_and_when() {
        Response response = post(MonitoringData.rows(60, 5, 10, 59, 5));
        String monitorAnomaly = null;
        for (JsonNode point : response.json().get("points")) {
            if (point.get("anomalous").asBoolean()) {
                monitorAnomaly = point.get("monitor_id").asText();
            }
        }
        assertThat(monitorAnomaly).isNotNull();
        String monitorId = monitorAnomaly;
        await().atMost(Duration.ofSeconds(20)).until(() -> anomalyOf(monitorId) != null);
        String anomalyId = anomalyOf(monitorId);

        assertThat(api.as(stranger.accessToken()).postJson("/api/v1/anomalies/" + anomalyId + "/acknowledge", "").status())
                .isEqualTo(404);
        assertThat(asOwner.postJson("/api/v1/anomalies/" + anomalyId + "/acknowledge", "").status()).isEqualTo(200);
        assertThat(asOwner.postJson("/api/v1/anomalies/" + anomalyId + "/acknowledge", "").status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT acknowledged FROM anomalies WHERE id = ?::uuid")
                .param(anomalyId).query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT acknowledged_by::text FROM anomalies WHERE id = ?::uuid").param(anomalyId)
                .query(String.class).single()).isEqualTo(owner.userId().toString());
    }

    private String anomalyOf(String monitorId) {
        return jdbc.sql("SELECT id::text FROM anomalies WHERE metadata->>'monitor_id' = ?").param(monitorId)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void concurrent_posts_get_gap_free_process_orders_in_arrival_order() throws Exception {
        post(MonitoringData.rows(100, 1, 0, -1, 1));
        double postsBefore = recorderMetric("dinsight_monitoring_recorder_batch_posts_sum");
        double batchesBefore = recorderMetric("dinsight_monitoring_recorder_commit_seconds_count");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int row = 101 + i;
            posts.add(clients.submit(() -> asOwner.postJson("/api/v1/monitor/" + dinsightId, MonitoringData.rows(row, 1, 0, -1, 1).toString())));
        }
        Set<Integer> orders = new HashSet<>();
        for (Future<Response> post : posts) {
            Response response = post.get();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            orders.add(response.json().at("/points/0/process_order").asInt());
        }
        clients.shutdown();
        assertThat(orders).hasSize(16);
        await().atMost(Duration.ofSeconds(20)).until(() -> gaps() == 0);
        // the group commit's metrics: every post in exactly one batch, and at most one batch per post
        assertThat(recorderMetric("dinsight_monitoring_recorder_batch_posts_sum") - postsBefore).isEqualTo(16);
        assertThat(recorderMetric("dinsight_monitoring_recorder_commit_seconds_count") - batchesBefore).isBetween(1.0, 16.0);
    }

    private double recorderMetric(String name) {
        String prometheus = asOwner.get("/actuator/prometheus").body();
        return prometheus.lines().filter(line -> line.startsWith(name + "{")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(name + " is not in /actuator/prometheus"));
    }

    private long gaps() {
        return jdbc.sql("SELECT coalesce(max(process_order) + 1 - count(*), -1) FROM monitor_data WHERE dinsight_id = ?::uuid")
                .param(dinsightId).query(Long.class).single();
    }

    @Test
    void thresholds_are_read_and_set_per_dataset_and_apply_to_later_points() {
        assertThat(asOwner.get("/api/v1/analytics/thresholds/" + datasetId).json().get("sensitivity_factor").asDouble())
                .isEqualTo(1.0);
        Response set = asOwner.putJson("/api/v1/analytics/thresholds/" + datasetId,
                "{\"anomaly_threshold\": 1.0, \"sensitivity_factor\": 2}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        Response later = post(MonitoringData.rows(150, 20, 0, -1, 1));
        long anomalous = 0;
        for (JsonNode point : later.json().get("points")) {
            anomalous += point.get("anomalous").asBoolean() ? 1 : 0;
        }
        assertThat(anomalous).as("a threshold of 0.5 makes most healthy rows anomalous").isGreaterThan(10);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                asOwner.get("/api/v1/analytics/thresholds/" + datasetId).json().get("sensitivity_factor").asDouble() == 2.0);
        assertThat(asOwner.putJson("/api/v1/analytics/thresholds/" + datasetId, "{\"sensitivity_factor\": 0}").json()
                .at("/errors/0/field").asText()).isEqualTo("sensitivity_factor");
        assertThat(api.as(stranger.accessToken()).get("/api/v1/analytics/thresholds/" + datasetId).status()).isEqualTo(404);
        asOwner.putJson("/api/v1/analytics/thresholds/" + datasetId, "{\"anomaly_threshold\": null, \"sensitivity_factor\": 1}");
    }

    @Test
    void bad_rows_are_refused_naming_where_and_nothing_is_recorded() {
        int before = post(MonitoringData.rows(5, 1, 0, -1, 1)).json().at("/points/0/process_order").asInt();
        ObjectNode missing = MonitoringData.rows(0, 2, 0, -1, 1);
        ((ObjectNode) missing.get("rows").get(1).get("features")).remove("f_7");
        Response response = post(missing);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("rows[1].features");
        assertThat(response.json().at("/errors/0/message").asText()).contains("f_7");

        Response wrongColumns = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "other.csv", "participant,f_0,f_1023\na,1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrongColumns.status()).isEqualTo(400);
        byte[] healthy = "f_0\n1\n".getBytes(StandardCharsets.UTF_8);
        Response wrongPart = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart().file("files", "m.csv", healthy));
        assertThat(wrongPart.status()).isEqualTo(400);
        assertThat(wrongPart.json().at("/errors/0/field").asText()).isEqualTo("file");
        assertThat(wrongPart.json().at("/errors/0/message").asText())
                .isEqualTo("a non-empty CSV file is required in the part 'file'; this request has the part 'files'");
        Response csvBody = asOwner.post("/api/v1/monitor/" + dinsightId, "text/csv", "f_0\n1\n");
        assertThat(csvBody.status()).isEqualTo(415);
        assertThat(csvBody.json().get("detail").asText()).isEqualTo("Content-Type 'text/csv' is not supported here; "
                + "send application/json or multipart/form-data (files as parts of a form)");
        Response badId = asOwner.postJson("/api/v1/monitor/not-a-uuid", MonitoringData.rows(0, 1, 0, -1, 1).toString());
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().at("/errors/0/field").asText()).isEqualTo("dinsight_id");
        assertThat(badId.json().at("/errors/0/message").asText()).isEqualTo("must be a UUID, was 'not-a-uuid'");
        Response nameOnly = asOwner.postMultipart("/api/v1/monitor/" + dinsightId + "?source=bench", new Multipart()
                .field("file", "m.csv").field("site", "hall 3"));
        assertThat(nameOnly.json().at("/errors/0/message").asText()).isEqualTo(
                "the part 'file' is a text field, not a file; a non-empty CSV file is required; this request has the part 'site'");
        Response emptyFile = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart().file("file", "m.csv", new byte[0]));
        assertThat(emptyFile.status()).isEqualTo(400);
        assertThat(emptyFile.json().at("/errors/0/message").asText())
                .isEqualTo("the part 'file' is empty; a non-empty CSV file is required");
        Response notNumber = post(JSON.createObjectNode().set("rows", JSON.createArrayNode().add(
                JSON.createObjectNode().set("values", JSON.createArrayNode().add("x")))));
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(api.as(stranger.accessToken()).postJson("/api/v1/monitor/" + dinsightId, MonitoringData.rows(0, 1, 0, -1, 1).toString())
                .status()).isEqualTo(404);
        assertThat(post(MonitoringData.rows(6, 1, 0, -1, 1)).json().at("/points/0/process_order").asInt())
                .as("the refused posts took no process order").isEqualTo(before + 1);
    }

    @Test
    void json_rows_take_features_by_name_in_any_order_or_values_in_order_and_keep_other_keys_as_metadata() throws Exception {
        ObjectNode byName = (ObjectNode) MonitoringData.rows(40, 1).get("rows").get(0);
        ObjectNode features = (ObjectNode) byName.get("features");
        List<String> names = new ArrayList<>();
        features.fieldNames().forEachRemaining(names::add);
        ObjectNode reversed = JSON.createObjectNode();
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), features.get(names.get(i)));
        }
        reversed.put("batch", "b-7").put("line", 3);
        byName.set("features", reversed);
        ObjectNode inOrder = JSON.createObjectNode();
        ArrayNode values = inOrder.putArray("values");
        names.forEach(name -> values.add(features.get(name)));
        inOrder.putObject("metadata").put("shift", "night");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("rows").add(byName).add(inOrder);

        Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Length")).as("sent with its length, not chunked")
                .isEqualTo(String.valueOf(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        JsonNode points = response.json().get("points");
        assertThat(points.get(1).get("dinsight_x").asDouble()).isEqualTo(points.get(0).get("dinsight_x").asDouble());
        assertThat(points.get(1).get("mahalanobis_distance").asDouble())
                .isEqualTo(points.get(0).get("mahalanobis_distance").asDouble());

        String first = points.get(0).get("monitor_id").asText();
        String second = points.get(1).get("monitor_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> storedMetadata(second) != null);
        JsonNode metadata = JSON.readTree(storedMetadata(first));
        assertThat(metadata.get("batch").asText()).isEqualTo("b-7");
        assertThat(metadata.get("line").asText()).isEqualTo("3");
        assertThat(metadata.has("participant")).as("the row's own metadata").isTrue();
        assertThat(metadata.has("f_0")).isFalse();
        JsonNode secondMetadata = JSON.readTree(storedMetadata(second));
        assertThat(secondMetadata.get("shift").asText()).isEqualTo("night");
        assertThat(secondMetadata.has("batch")).isFalse();
    }

    @Test
    void csv_rows_take_features_by_name_in_any_column_order_keep_every_other_column_and_their_timestamp() throws Exception {
        List<String> lines = Files.readAllLines(SharedFiles.path("data/test-monitoring.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<Integer> order = new ArrayList<>();
        for (int c = header.size() - 1; c >= 0; c--) {
            order.add(c); // features reversed, metadata after them
        }
        StringBuilder csv = new StringBuilder(join(header, order)).append(",site,timestamp\n");
        csv.append(join(List.of(lines.get(41).split(",")), order)).append(",plant-7,2026-11-25T10:15:30+01:00\n");
        csv.append(join(List.of(lines.get(42).split(",")), order)).append(",plant-7,2026-11-25 10:16:30Z\n");

        Response response = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "reordered.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode inFileOrder = post(MonitoringData.rows(40, 1)).json().at("/points/0");
        JsonNode first = response.json().at("/points/0");
        assertThat(first.get("dinsight_x").asDouble()).as("placed as the same row in the baseline's column order")
                .isEqualTo(inFileOrder.get("dinsight_x").asDouble());
        assertThat(first.get("mahalanobis_distance").asDouble()).isEqualTo(inFileOrder.get("mahalanobis_distance").asDouble());

        String second = response.json().at("/points/1/monitor_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> storedMetadata(second) != null);
        JsonNode metadata = JSON.readTree(storedMetadata(first.get("monitor_id").asText()));
        assertThat(metadata.get("site").asText()).as("a column after the features is kept").isEqualTo("plant-7");
        assertThat(metadata.get("participant").asText()).isEqualTo(lines.get(41).split(",")[header.indexOf("participant")]);
        assertThat(metadata.has("f_0")).isFalse();
        assertThat(storedTime(first.get("monitor_id").asText())).isEqualTo(java.time.Instant.parse("2026-11-25T09:15:30Z"));
        assertThat(storedTime(second)).as("a space for the T, as RFC 3339 allows")
                .isEqualTo(java.time.Instant.parse("2026-11-25T10:16:30Z"));

        String withoutOffset = csv.toString().replace("2026-11-25 10:16:30Z", "2026-11-25T10:16:30");
        Response refused = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "local-times.csv", withoutOffset.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("timestamp");
        assertThat(refused.json().at("/errors/0/message").asText()).isEqualTo("local-times.csv, row 3, column timestamp: "
                + "timestamp '2026-11-25T10:16:30' has no UTC offset: add Z or +hh:mm, as in 2026-11-25T10:15:30Z");

        String withoutAFeature = csv.toString().replace(",f_7,", ",f_7b,");
        Response missing = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "renamed.csv", withoutAFeature.getBytes(StandardCharsets.UTF_8)));
        assertThat(missing.json().at("/errors/0/message").asText()).isEqualTo(
                "renamed.csv, row 1, column f_7: the baseline's feature column 'f_7' is missing (1023 of 1024 feature columns)");
        Response semicolons = asOwner.postMultipart("/api/v1/monitor/" + dinsightId, new Multipart()
                .file("file", "semicolons.csv", csv.toString().replace(',', ';').getBytes(StandardCharsets.UTF_8)));
        assertThat(semicolons.json().at("/errors/0/message").asText()).contains("none of the baseline's 1024 feature columns")
                .contains("separated by something other than commas");
        assertThat(post(MonitoringData.rows(43, 1)).json().at("/points/0/process_order").asInt())
                .as("the refused files took no process order")
                .isEqualTo(inFileOrder.get("process_order").asInt() + 1);
    }

    private static String join(List<String> cells, List<Integer> order) {
        return String.join(",", order.stream().map(cells::get).toList());
    }

    /** The point's time (monitor_data's created_at is when it was recorded; the row's own time is in its metadata). */
    private java.time.Instant storedTime(String monitorId) {
        return java.time.Instant.parse(jdbc.sql("SELECT metadata->>'timestamp' FROM monitor_data WHERE id = ?::uuid")
                .param(monitorId).query(String.class).single());
    }

    private String storedMetadata(String monitorId) {
        return jdbc.sql("SELECT metadata::text FROM monitor_data WHERE id = ?::uuid").param(monitorId)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void json_rows_are_refused_naming_the_row_and_the_field() {
        int before = post(MonitoringData.rows(7, 1)).json().at("/points/0/process_order").asInt();
        ObjectNode text = MonitoringData.rows(0, 2);
        ((ObjectNode) text.at("/rows/1/features")).put("f_3", "abc");
        assertRefused(text, "rows[1].features.f_3", "must be a finite number, was the string \"abc\"");
        ObjectNode nothing = MonitoringData.rows(0, 1);
        ((ObjectNode) nothing.at("/rows/0/features")).putNull("f_3");
        assertRefused(nothing, "rows[0].features.f_3", "must be a finite number, was null");
        ObjectNode tooLarge = MonitoringData.rows(0, 1);
        ((ObjectNode) tooLarge.at("/rows/0/features")).put("f_3", new java.math.BigDecimal("1e400"));
        assertRefused(tooLarge, "rows[0].features.f_3", "must be a finite number, was Infinity");

        ObjectNode both = MonitoringData.rows(0, 1);
        ((ObjectNode) both.at("/rows/0")).putArray("values").add(1.0);
        assertRefused(both, "rows[0]", "must have either 'features' (by name) or 'values' (in the baseline's order)");
        ObjectNode neither = MonitoringData.rows(0, 1);
        ((ObjectNode) neither.at("/rows/0")).remove("features");
        assertRefused(neither, "rows[0]", "must have either 'features' (by name) or 'values' (in the baseline's order)");

        ObjectNode shortValues = JSON.createObjectNode();
        shortValues.putArray("rows").addObject().putArray("values").add(1.0).add(2.0).add(3.0);
        assertRefused(shortValues, "rows[0].values", "has 3 values, the baseline has 1024 features");
        ObjectNode nullValue = JSON.createObjectNode();
        ArrayNode values = nullValue.putArray("rows").addObject().putArray("values");
        for (int c = 0; c < 1024; c++) {
            values.add(1.0);
        }
        values.set(5, JSON.nullNode());
        assertRefused(nullValue, "rows[0].values[5]", "must be a finite number, was null");

        ObjectNode notAnObject = JSON.createObjectNode();
        notAnObject.putArray("rows").addObject().putArray("features").add(1.0);
        assertRefused(notAnObject, "rows[0].features", "must be an object");
        ObjectNode rowsNotAList = JSON.createObjectNode();
        rowsNotAList.putObject("rows").set("features", MonitoringData.rows(0, 1).at("/rows/0/features"));
        assertRefused(rowsNotAList, "rows", "must be an array");

        assertThat(post(MonitoringData.rows(8, 1)).json().at("/points/0/process_order").asInt())
                .as("the refused posts took no process order").isEqualTo(before + 1);
    }

    private void assertRefused(ObjectNode body, String field, String message) {
        Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(field);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo(message);
    }

    @Test
    void monitoring_reads_list_points_in_order_and_replay_rebuilds_identical_tables() {
        JsonNode posted = post(MonitoringData.rows(200, 10, 0, -1, 1)).json().get("points");
        long recorded = posted.get(posted.size() - 1).get("process_order").asLong() + 1;
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM monitor_data WHERE dinsight_id = ?::uuid")
                .param(dinsightId).query(Long.class).single() == recorded);
        JsonNode page = asOwner.get("/api/v1/monitor/" + dinsightId + "?size=5").json();
        assertThat(page.get("items").size()).isEqualTo(5);
        assertThat(page.at("/items/0/process_order").asInt()).isZero();
        assertThat(page.at("/items/1/process_order").asInt()).isEqualTo(1);
        JsonNode coordinates = asOwner.get("/api/v1/monitor/" + dinsightId + "/coordinates").json();
        assertThat(page.get("total").asLong()).isEqualTo(recorded);
        assertThat(coordinates.get("dinsight_x").size()).isEqualTo((int) recorded);
        assertThat(api.as(stranger.accessToken()).get("/api/v1/monitor/" + dinsightId).status()).isEqualTo(404);

        String before = snapshot();
        StreamingEventProcessor processor = ReadModelReplay.restart(processing,
                () -> assertThat(jdbc.sql("SELECT count(*) FROM monitor_data").query(Long.class).single()).isZero());
        await().atMost(Duration.ofSeconds(60)).until(() -> ReadModelReplay.caughtUp(processor, () -> true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(snapshot()).isEqualTo(before));
    }

    @Test
    void the_baseline_is_snapshotted_and_its_snapshot_reads_back_to_the_same_state() {
        for (int i = 0; i < 4; i++) {
            post(MonitoringData.rows(210 + i, 1, 0, -1, 1));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM axon.snapshot_event_entry WHERE aggregateIdentifier = ?").param(dinsightId)
                .query(Long.class).single() > 0);
        Map<String, Object> stored = jdbc.sql("SELECT payload, payloadType, payloadRevision FROM axon.snapshot_event_entry"
                        + " WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC LIMIT 1")
                .param(dinsightId).query().singleRow();
        byte[] payload = (byte[]) stored.get("payload");
        Object state = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                (String) stored.get("payloadtype"), (String) stored.get("payloadrevision")));
        assertThat(state.getClass().getSimpleName()).isEqualTo("MonitoredBaseline");
        byte[] again = serializer.serialize(state, byte[].class).getData();
        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(payload, StandardCharsets.UTF_8));
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"nextOrder\":").contains(dinsightId);
    }

    @Test
    void the_stream_sends_new_points_and_a_reconnect_with_last_event_id_misses_nothing() throws Exception {
        post(MonitoringData.rows(20, 1, 0, -1, 1));
        List<Integer> live = java.util.Collections.synchronizedList(new ArrayList<>());
        try (EventStream stream = new EventStream(port, dinsightId, owner.accessToken(), null, live)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !live.isEmpty());
            int before = live.get(live.size() - 1);
            List<Integer> posted = new ArrayList<>();
            for (JsonNode point : post(MonitoringData.rows(21, 3, 0, -1, 1)).json().get("points")) {
                posted.add(point.get("process_order").asInt());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> live.containsAll(posted));
            assertThat(live).doesNotHaveDuplicates().isSorted();

            List<Integer> resumed = java.util.Collections.synchronizedList(new ArrayList<>());
            try (EventStream again = new EventStream(port, dinsightId, owner.accessToken(), before, resumed)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> resumed.containsAll(posted));
                assertThat(resumed).allMatch(order -> order > before);
            }
        }
        assertThat(api.as(stranger.accessToken()).get("/api/v1/monitor/" + dinsightId + "/stream").status()).isEqualTo(404);
    }

    /** An SSE client collecting event ids on a thread of its own, closed with the try block. */
    private static final class EventStream implements AutoCloseable {
        private final java.io.InputStream body;
        private final Thread reader;

        EventStream(int port, String dinsightId, String token, Integer lastEventId, List<Integer> ids) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/monitor/" + dinsightId + "/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", String.valueOf(lastEventId));
            }
            body = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body();
            reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("id:")) {
                            ids.add(Integer.parseInt(line.substring(3).trim()));
                        }
                    }
                } catch (java.io.IOException closed) {
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

    @Test
    void the_dashboard_shows_each_dataset_with_its_baseline_points_and_recent_anomalies() {
        post(MonitoringData.rows(30, 5, 10, 59, 5));
        await().atMost(Duration.ofSeconds(20)).until(() -> gaps() == 0);
        long points = jdbc.sql("SELECT count(*) FROM monitor_data WHERE dinsight_id = ?::uuid").param(dinsightId)
                .query(Long.class).single();
        long anomalies = jdbc.sql("SELECT count(*) FROM anomalies WHERE dataset_id = ?::uuid").param(datasetId)
                .query(Long.class).single();
        JsonNode summary = asOwner.get("/api/v1/dashboard/summary").json();
        JsonNode dataset = null;
        for (JsonNode entry : summary.get("datasets")) {
            if (entry.get("dataset_id").asText().equals(datasetId)) {
                dataset = entry;
            }
        }
        assertThat(dataset).as(summary.toString()).isNotNull();
        assertThat(dataset.has("anomalies_last_day")).as(dataset.toString()).isTrue();
        assertThat(dataset.at("/latest_baseline/dinsight_id").asText()).isEqualTo(dinsightId);
        assertThat(dataset.get("monitoring_points").asLong()).isEqualTo(points);
        long lastDay = 0;
        for (JsonNode count : dataset.get("anomalies_last_day")) {
            lastDay += count.asLong();
        }
        assertThat(lastDay).isEqualTo(anomalies).isPositive();
        assertThat(dataset.get("anomalies_last_week").get("critical").asLong())
                .isGreaterThanOrEqualTo(dataset.get("anomalies_last_day").get("critical").asLong());
        assertThat(api.as(stranger.accessToken()).get("/api/v1/dashboard/summary").json().get("datasets").toString())
                .doesNotContain(datasetId);
    }

    private String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("monitor_data", "anomalies", "baselines", "anomaly_thresholds", "monitoring_counts")) {
            all.append(jdbc.sql("SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM " + table + " t")
                    .query(String.class).single()).append('|');
        }
        return all.toString();
    }
}
