package com.dinsight.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Multipart;
import com.dinsight.app.support.SharedFiles;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Upload and analysis end to end over HTTP, on the shared sensor data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.servlet.multipart.max-file-size=3MB")
@FreshDatabase
class AnalysisFlowTest {

    private static byte[] baseline;
    private static byte[] monitoring;
    private static Session owner;
    private static Session stranger;

    @LocalServerPort
    int port;
    ApiClient api;
    ApiClient asOwner;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        if (owner == null) {
            baseline = Files.readAllBytes(SharedFiles.path("data/test-baseline.csv"));
            monitoring = Files.readAllBytes(SharedFiles.path("data/test-monitoring.csv"));
            TestUsers.signUp(api, "admin");
            owner = TestUsers.signUp(api, "owner");
            stranger = TestUsers.signUp(api, "stranger");
        }
        asOwner = api.as(owner.accessToken());
    }

    private JsonNode upload(Multipart form) {
        Response accepted = asOwner.postMultipart("/api/v1/analyze", form);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/analyses/" + accepted.json().get("analysis_id").asText());
        return accepted.json();
    }

    private JsonNode finished(String analysisId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = asOwner.get("/api/v1/analyses/" + analysisId).json().path("status").asText();
            return status.equals("completed") || status.equals("failed");
        });
        return asOwner.get("/api/v1/analyses/" + analysisId).json();
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The baseline with one cell replaced (row counted from 1 after the header, column by name). */
    private static byte[] baselineWith(int dataRow, String column, String value) {
        List<String> lines = new ArrayList<>(new String(baseline, StandardCharsets.UTF_8).lines().toList());
        List<String> header = List.of(lines.get(0).split(","));
        String[] cells = lines.get(dataRow).split(",", -1);
        cells[header.indexOf(column)] = value;
        lines.set(dataRow, String.join(",", cells));
        return csv(String.join("\n", lines) + "\n");
    }

    @Test
    void the_baseline_upload_completes_with_219_points_and_its_features_and_metadata() {
        JsonNode accepted = upload(new Multipart().file("files", "test-baseline.csv", baseline));
        JsonNode analysis = finished(accepted.get("analysis_id").asText());

        assertThat(analysis.get("status").asText()).isEqualTo("completed");
        assertThat(analysis.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(analysis.get("analysis_type").asText()).isEqualTo("baseline");
        assertThat(analysis.get("dataset_id").asText()).isEqualTo(accepted.get("dataset_id").asText());
        JsonNode results = analysis.get("results");
        assertThat(results.get("iterations").asInt()).isPositive();
        assertThat(results.get("final_cost").asDouble()).isLessThan(results.get("start_cost").asDouble());
        assertThat(results.get("method").asText()).isEqualTo("exact");
        assertThat(results.has("converged")).isTrue();

        String uploadId = accepted.get("file_upload_id").asText();
        JsonNode dinsight = asOwner.get("/api/v1/dinsight/" + analysis.get("dinsight_id").asText()).json();
        assertThat(dinsight.get("dinsight_x").size()).isEqualTo(219);
        assertThat(dinsight.get("dinsight_y").size()).isEqualTo(219);
        assertThat(dinsight.get("file_upload_id").asText()).isEqualTo(uploadId);
        assertThat(asOwner.get("/api/v1/dinsight/" + uploadId).json().get("dinsight_id"))
                .as("a file upload id finds its dinsight too").isEqualTo(dinsight.get("dinsight_id"));

        JsonNode features = asOwner.get("/api/v1/feature/" + uploadId).json();
        assertThat(features.get("total_rows").asInt()).isEqualTo(219);
        assertThat(features.get("feature_names").size()).isEqualTo(1024);
        assertThat(features.get("feature_names").get(0).asText()).isEqualTo("f_0");
        assertThat(features.get("feature_values").size()).isEqualTo(219);
        assertThat(features.get("feature_values").get(0).size()).isEqualTo(1024);
        assertThat(features.get("metadata").get(0).has("segID")).isTrue();
        assertThat(features.get("metadata").get(0).has("participant")).isTrue();

        JsonNode range = asOwner.get("/api/v1/feature/" + uploadId + "/range?start=10&end=20").json();
        assertThat(range.get("feature_values").size()).isEqualTo(10);
        assertThat(range.get("feature_values").get(0)).isEqualTo(features.get("feature_values").get(10));

        JsonNode fileUpload = asOwner.get("/api/v1/file-uploads/" + uploadId).json();
        assertThat(fileUpload.get("status").asText()).isEqualTo("completed");
        assertThat(fileUpload.get("original_filename").asText()).isEqualTo("test-baseline.csv");
        assertThat(fileUpload.get("file_size").asLong()).isEqualTo(baseline.length);
    }

    @Test
    void two_files_with_one_header_merge_in_order_into_438_rows() {
        JsonNode accepted = upload(new Multipart().file("files", "test-baseline.csv", baseline)
                .file("files", "test-monitoring.csv", monitoring));
        assertThat(finished(accepted.get("analysis_id").asText()).get("status").asText()).isEqualTo("completed");
        String uploadId = accepted.get("file_upload_id").asText();
        assertThat(asOwner.get("/api/v1/feature/" + uploadId).json().get("total_rows").asInt()).isEqualTo(438);
        JsonNode merged = asOwner.get("/api/v1/file-uploads/" + uploadId).json().get("merged_files");
        assertThat(merged.size()).isEqualTo(2);
        assertThat(merged.get(1).get("name").asText()).isEqualTo("test-monitoring.csv");
        assertThat(asOwner.get("/api/v1/dinsight/" + uploadId).json().get("dinsight_x").size()).isEqualTo(438);
    }

    @Test
    void a_stored_upload_runs_again_with_another_configuration_into_a_new_dinsight() {
        JsonNode first = upload(new Multipart().file("files", "test-baseline.csv", baseline));
        JsonNode firstRun = finished(first.get("analysis_id").asText());
        Response config = asOwner.postJson("/api/v1/config", "{\"alpha\": 0.05, \"optimizer\": \"sgd\"}");
        int configId = config.json().get("id").asInt();

        Response rerun = asOwner.postJson("/api/v1/analyses", "{\"file_upload_id\": \"%s\", \"config_id\": %d}"
                .formatted(first.get("file_upload_id").asText(), configId));
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(202);
        JsonNode secondRun = finished(rerun.json().get("analysis_id").asText());

        assertThat(secondRun.get("status").asText()).isEqualTo("completed");
        assertThat(secondRun.get("dinsight_id")).isNotEqualTo(firstRun.get("dinsight_id"));
        JsonNode dinsight = asOwner.get("/api/v1/dinsight/" + secondRun.get("dinsight_id").asText()).json();
        assertThat(dinsight.get("config_id").asInt()).isEqualTo(configId);
        assertThat(dinsight.get("dinsight_x")).isNotEqualTo(
                asOwner.get("/api/v1/dinsight/" + firstRun.get("dinsight_id").asText()).json().get("dinsight_x"));
        assertThat(stranger(rerun.json().get("analysis_id").asText())).isEqualTo(404);
    }

    private int stranger(String analysisId) {
        return api.as(stranger.accessToken()).get("/api/v1/analyses/" + analysisId).status();
    }

    @Test
    void another_user_sees_none_of_it() {
        JsonNode accepted = upload(new Multipart().file("files", "test-baseline.csv", baseline));
        JsonNode analysis = finished(accepted.get("analysis_id").asText());
        ApiClient asStranger = api.as(stranger.accessToken());
        String uploadId = accepted.get("file_upload_id").asText();
        assertThat(asStranger.get("/api/v1/analyses/" + analysis.get("id").asText()).status()).isEqualTo(404);
        assertThat(asStranger.get("/api/v1/file-uploads/" + uploadId).status()).isEqualTo(404);
        assertThat(asStranger.get("/api/v1/dinsight/" + uploadId).status()).isEqualTo(404);
        assertThat(asStranger.get("/api/v1/feature/" + uploadId).status()).isEqualTo(404);
        Response rerun = asStranger.postJson("/api/v1/analyses", "{\"file_upload_id\": \"%s\"}".formatted(uploadId));
        assertThat(rerun.status()).isEqualTo(404);
        Response intoOthersDataset = asStranger.postMultipart("/api/v1/analyze", new Multipart()
                .file("files", "test-baseline.csv", baseline).field("dataset_id", accepted.get("dataset_id").asText()));
        assertThat(intoOthersDataset.status()).isEqualTo(404);
    }

    @Test
    void bad_files_are_refused_before_anything_is_stored_naming_the_file_and_column() {
        Response empty = asOwner.postMultipart("/api/v1/analyze", new Multipart().file("files", "empty.csv", new byte[0]));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().at("/errors/0/message").asText()).contains("empty.csv").contains("empty");

        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        binary[10] = 0;
        Response notCsv = asOwner.postMultipart("/api/v1/analyze", new Multipart().file("files", "data.csv", binary));
        assertThat(notCsv.status()).isEqualTo(415);
        assertThat(notCsv.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Response noFeatures = asOwner.postMultipart("/api/v1/analyze", new Multipart().file("files", "other.csv",
                csv("a,b,participant\n1,2,3\n")));
        assertThat(noFeatures.status()).isEqualTo(400);
        assertThat(noFeatures.json().at("/errors/0/message").asText()).contains("other.csv").contains("f_0");

        String otherHeader = new String(monitoring, StandardCharsets.UTF_8).replaceFirst("f_5,", "g_5,");
        Response mismatch = asOwner.postMultipart("/api/v1/analyze", new Multipart()
                .file("files", "test-baseline.csv", baseline).file("files", "renamed.csv", csv(otherHeader)));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().at("/errors/0/message").asText()).contains("renamed.csv").contains("g_5");

        Response noFiles = asOwner.postMultipart("/api/v1/analyze", new Multipart()
                .file("file", "test-baseline.csv", baseline).field("config_id", "1"));
        assertThat(noFiles.status()).isEqualTo(400);
        assertThat(noFiles.json().at("/errors/0/field").asText()).isEqualTo("files");
        assertThat(noFiles.json().at("/errors/0/message").asText())
                .isEqualTo("at least one CSV file is required in the part 'files'; this request has the parts 'config_id', 'file'");
    }

    @Test
    void wrong_ids_and_too_much_are_refused() {
        Response unknownDataset = asOwner.postMultipart("/api/v1/analyze", new Multipart()
                .file("files", "test-baseline.csv", baseline).field("dataset_id", UUID.randomUUID().toString()));
        assertThat(unknownDataset.status()).isEqualTo(404);
        Response badDataset = asOwner.postMultipart("/api/v1/analyze", new Multipart()
                .file("files", "test-baseline.csv", baseline).field("dataset_id", "not-a-uuid"));
        assertThat(badDataset.status()).isEqualTo(400);
        assertThat(badDataset.json().at("/errors/0/field").asText()).isEqualTo("dataset_id");
        Response unknownConfig = asOwner.postMultipart("/api/v1/analyze", new Multipart()
                .file("files", "test-baseline.csv", baseline).field("config_id", "999"));
        assertThat(unknownConfig.status()).isEqualTo(400);
        assertThat(unknownConfig.json().at("/errors/0/field").asText()).isEqualTo("config_id");

        Multipart eleven = new Multipart();
        for (int i = 0; i < 11; i++) {
            eleven.file("files", "f" + i + ".csv", csv("participant,f_0,f_1023\na,1,2\n"));
        }
        Response tooMany = asOwner.postMultipart("/api/v1/analyze", eleven);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        byte[] big = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '1');
        Response tooLarge = asOwner.postMultipart("/api/v1/analyze", new Multipart().file("files", "big.csv", big));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_bad_value_fails_the_upload_naming_file_row_and_column_and_writes_no_result() {
        JsonNode accepted = upload(new Multipart().file("files", "broken.csv", baselineWith(5, "f_3", "abc")));
        JsonNode analysis = finished(accepted.get("analysis_id").asText());
        assertThat(analysis.get("status").asText()).isEqualTo("failed");
        assertThat(analysis.get("error").asText()).contains("broken.csv").contains("row 6").contains("f_3");
        assertThat(analysis.get("dinsight_id").isNull()).isTrue();

        String uploadId = accepted.get("file_upload_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                asOwner.get("/api/v1/file-uploads/" + uploadId).json().get("status").asText().equals("failed"));
        assertThat(asOwner.get("/api/v1/file-uploads/" + uploadId).json().get("error_message").asText()).contains("row 6");
        assertThat(asOwner.get("/api/v1/dinsight/" + uploadId).status()).isEqualTo(404);
        Response features = asOwner.get("/api/v1/feature/" + uploadId);
        assertThat(features.status() == 404 || features.json().get("total_rows").asInt() == 0).isTrue();
    }

    @Test
    void ragged_rows_and_non_finite_values_fail_with_where() {
        List<String> lines = new ArrayList<>(new String(baseline, StandardCharsets.UTF_8).lines().toList());
        lines.set(3, lines.get(3) + ",extra");
        JsonNode ragged = finished(upload(new Multipart().file("files", "ragged.csv", csv(String.join("\n", lines))))
                .get("analysis_id").asText());
        assertThat(ragged.get("error").asText()).contains("ragged.csv").contains("row 4");

        JsonNode nan = finished(upload(new Multipart().file("files", "nan.csv", baselineWith(2, "f_100", "NaN")))
                .get("analysis_id").asText());
        assertThat(nan.get("status").asText()).isEqualTo("failed");
        assertThat(nan.get("error").asText()).contains("nan.csv").contains("row 3").contains("f_100");
    }
}
