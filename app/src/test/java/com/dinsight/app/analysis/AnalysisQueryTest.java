package com.dinsight.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.FileUploaded;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.app.analysis.AnalysisProjectionTest.Fixture;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.EmbeddingResult;
import com.dinsight.engine.FeatureTable;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * GET /analyses/{id}, /file-uploads/{id}, /dinsight/{id}, /feature/{id} and /feature/{id}/range
 * over HTTP, on rows the projection wrote from published events: their shapes (snake_case), owner
 * scoping (another user gets 404, admins see all), and the range rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
class AnalysisQueryTest {

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
    private static UUID annsDataset;
    /** Ann's completed analysis of the shared baseline. */
    private static Fixture.Scenario completedRun;
    private static UUID completedAnalysis;
    private ApiClient api;
    private Fixture events;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        events = new Fixture(eventStore, blobs, jdbc);
        if (admin == null) {
            admin = TestUsers.signUp(api, "admin"); // the first user: super_admin
            ann = TestUsers.signUp(api, "ann");
            bob = TestUsers.signUp(api, "bob");
            annsDataset = Fixture.createDataset(api, ann, "Ann's pump");
            completedRun = events.uploadAndParse(ann.userId(), annsDataset, "test-baseline.csv");
            completedAnalysis = events.complete(completedRun, ann.userId(), annsDataset);
        }
    }

    private ApiClient as(Session session) {
        return api.as(session.accessToken());
    }

    private JsonNode ok(Session session, String path) {
        Response response = as(session).get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void the_owner_reads_a_completed_analysis_with_progress_one_its_results_and_its_times() {
        JsonNode analysis = ok(ann, "/api/v1/analyses/" + completedAnalysis);

        assertThat(fields(analysis)).containsExactlyInAnyOrder("id", "dataset_id", "file_upload_id", "dinsight_id",
                "analysis_type", "status", "progress", "results", "error", "created_at", "completed_at");
        assertThat(analysis.get("id").asText()).isEqualTo(completedAnalysis.toString());
        assertThat(analysis.get("dataset_id").asText()).isEqualTo(annsDataset.toString());
        assertThat(analysis.get("file_upload_id").asText()).isEqualTo(completedRun.upload().toString());
        assertThat(analysis.get("analysis_type").asText()).isEqualTo("baseline");
        assertThat(analysis.get("status").asText()).isEqualTo("completed");
        assertThat(analysis.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(analysis.get("error").isNull()).isTrue();
        assertThat(analysis.at("/results/iterations").asInt()).isEqualTo(Fixture.embedding().iterations());
        assertThat(analysis.at("/results/converged").isBoolean()).isTrue();
        assertThat(analysis.at("/results/config_id").asInt()).isEqualTo(1);
        assertThat(analysis.at("/results/total_millis").asLong()).isEqualTo(321L);
        assertThat(analysis.get("created_at").asText()).endsWith("Z");
        assertThat(analysis.get("completed_at").asText()).endsWith("Z");
        assertThat(analysis.get("dinsight_id").asText()).isNotBlank();
    }

    @Test
    void a_running_analysis_shows_its_progress_and_a_failed_one_its_error() {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), annsDataset, "test-baseline.csv");
        UUID analysis = events.request(run, ann.userId(), annsDataset);
        JsonNode pending = ok(ann, "/api/v1/analyses/" + analysis);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("progress").asDouble()).isZero();
        assertThat(pending.get("dinsight_id").isNull()).isTrue();
        assertThat(pending.get("completed_at").isNull()).isTrue();

        events.publish("Analysis", analysis, new AnalysisStarted(analysis, run.upload(), 1, events.tick()));
        events.publish("Analysis", analysis, new AnalysisProgressed(analysis, 0.6, "optimising", events.tick()));
        events.awaitTrue(() -> ok(ann, "/api/v1/analyses/" + analysis).get("progress").asDouble() == 0.6);
        JsonNode running = ok(ann, "/api/v1/analyses/" + analysis);
        assertThat(running.get("status").asText()).isEqualTo("processing");
        assertThat(running.at("/results/stage").asText()).isEqualTo("optimising");

        events.publish("Analysis", analysis, new AnalysisFailed(analysis, run.upload(),
                "The analysis cannot run on this data: every feature is constant", events.tick()));
        events.awaitTrue(() -> "failed".equals(ok(ann, "/api/v1/analyses/" + analysis).get("status").asText()));
        JsonNode failed = ok(ann, "/api/v1/analyses/" + analysis);
        assertThat(failed.get("error").asText()).isEqualTo("The analysis cannot run on this data: every feature is constant");
        assertThat(failed.get("completed_at").isNull()).isFalse();
        JsonNode upload = ok(ann, "/api/v1/file-uploads/" + run.upload());
        assertThat(upload.get("status").asText()).isEqualTo("failed");
        assertThat(upload.get("error_message").asText()).contains("every feature is constant");
    }

    @Test
    void the_owner_reads_a_file_upload_with_its_status_size_path_and_merged_files() {
        Fixture.Scenario merged = events.uploadAndParse(ann.userId(), annsDataset, "test-baseline.csv", "test-monitoring.csv");
        events.request(merged, ann.userId(), annsDataset);

        JsonNode upload = ok(ann, "/api/v1/file-uploads/" + merged.upload());
        assertThat(fields(upload)).containsExactlyInAnyOrder("id", "original_filename", "file_size", "file_path", "status",
                "error_message", "merged_files", "created_at", "updated_at");
        assertThat(upload.get("original_filename").asText()).isEqualTo("test-baseline.csv + test-monitoring.csv");
        assertThat(upload.get("file_size").asLong()).isEqualTo(merged.files().get(0).size() + merged.files().get(1).size());
        assertThat(upload.get("file_path").asText()).isEqualTo("blob:" + merged.files().get(0).sha256());
        assertThat(upload.get("status").asText()).isEqualTo("pending");
        assertThat(upload.get("merged_files").size()).isEqualTo(2);
        assertThat(upload.at("/merged_files/1/name").asText()).isEqualTo("test-monitoring.csv");
        assertThat(upload.at("/merged_files/1/sha256").asText()).isEqualTo(merged.files().get(1).sha256());
        assertThat(upload.at("/merged_files/1/size").asLong()).isEqualTo(merged.files().get(1).size());
        assertThat(ok(ann, "/api/v1/file-uploads/" + completedRun.upload()).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void dinsight_answers_by_its_own_id_and_by_file_upload_id_with_the_newest_coordinates_of_the_upload() {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), annsDataset, "test-baseline.csv");
        UUID first = events.complete(run, ann.userId(), annsDataset);
        UUID second = events.complete(run, ann.userId(), annsDataset);
        String firstDinsight = ok(ann, "/api/v1/analyses/" + first).get("dinsight_id").asText();
        String secondDinsight = ok(ann, "/api/v1/analyses/" + second).get("dinsight_id").asText();

        JsonNode byId = ok(ann, "/api/v1/dinsight/" + firstDinsight);
        assertThat(fields(byId)).containsExactlyInAnyOrder("dinsight_id", "file_upload_id", "config_id", "dinsight_x", "dinsight_y");
        assertThat(byId.get("dinsight_id").asText()).isEqualTo(firstDinsight);
        assertThat(byId.get("file_upload_id").asText()).isEqualTo(run.upload().toString());
        assertThat(byId.get("config_id").asInt()).isEqualTo(1);
        EmbeddingResult engine = Fixture.embedding();
        assertThat(byId.get("dinsight_x").size()).isEqualTo(219);
        assertThat(byId.get("dinsight_y").size()).isEqualTo(219);
        for (int i = 0; i < 219; i++) {
            assertThat(byId.get("dinsight_x").get(i).asDouble()).isEqualTo(engine.x()[i]);
            assertThat(byId.get("dinsight_y").get(i).asDouble()).isEqualTo(engine.y()[i]);
        }
        assertThat(ok(ann, "/api/v1/dinsight/" + run.upload()).get("dinsight_id").asText())
                .as("the newest of the upload").isEqualTo(secondDinsight);
        assertThat(as(ann).get("/api/v1/dinsight/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void features_answer_every_row_in_file_order_with_the_feature_names_values_and_metadata_in_column_order() {
        JsonNode features = ok(ann, "/api/v1/feature/" + completedRun.upload());
        long[] millis = new long[7];
        int bytes = 0;
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            bytes = as(ann).get("/api/v1/feature/" + completedRun.upload()).body().length();
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        System.out.printf("GET /feature/{id} of 219 x 1024: median %d ms, %d bytes%n", millis[millis.length / 2], bytes);

        assertThat(fields(features)).contains("feature_names", "feature_values", "metadata", "total_rows");
        assertThat(features.get("total_rows").asInt()).isEqualTo(219);
        assertThat(features.get("feature_names").size()).isEqualTo(1024);
        assertThat(features.get("feature_names").get(0).asText()).isEqualTo("f_0");
        assertThat(features.get("feature_names").get(1023).asText()).isEqualTo("f_1023");
        assertThat(features.get("feature_values").size()).isEqualTo(219);
        assertThat(features.get("metadata").size()).isEqualTo(219);
        FeatureTable expected = Fixture.baselineTable();
        for (int r = 0; r < 219; r++) {
            JsonNode row = features.get("feature_values").get(r);
            assertThat(row.size()).isEqualTo(1024);
            assertThat(row.get(0).asDouble()).isEqualTo(expected.value(r, 0));
            assertThat(row.get(1023).asDouble()).isEqualTo(expected.value(r, 1023));
            JsonNode metadata = features.get("metadata").get(r);
            assertThat(fields(metadata)).containsExactly("segID", "pressure", "exp", "hit_type", "hit_loc", "participant");
            assertThat(metadata.get("segID").asText()).isEqualTo(expected.metadata(r).get(0));
            assertThat(metadata.get("participant").asText()).isEqualTo(expected.metadata(r).get(5));
        }
    }

    @Test
    void a_range_answers_start_inclusive_to_end_exclusive_and_clips_an_end_past_the_last_row() {
        String base = "/api/v1/feature/" + completedRun.upload() + "/range";
        JsonNode all = ok(ann, "/api/v1/feature/" + completedRun.upload());

        JsonNode tenToTwenty = ok(ann, base + "?start=10&end=20");
        assertThat(tenToTwenty.get("feature_values").size()).isEqualTo(10);
        assertThat(tenToTwenty.get("feature_values").get(0)).isEqualTo(all.get("feature_values").get(10));
        assertThat(tenToTwenty.get("feature_values").get(9)).isEqualTo(all.get("feature_values").get(19));
        assertThat(tenToTwenty.get("metadata").get(0)).isEqualTo(all.get("metadata").get(10));
        assertThat(tenToTwenty.get("total_rows").asInt()).isEqualTo(219);
        assertThat(tenToTwenty.get("feature_names").size()).isEqualTo(1024);
        assertThat(tenToTwenty.get("start").asInt()).isEqualTo(10);
        assertThat(tenToTwenty.get("end").asInt()).isEqualTo(20);

        JsonNode clipped = ok(ann, base + "?start=210&end=100000");
        assertThat(clipped.get("feature_values").size()).isEqualTo(9);
        assertThat(clipped.get("end").asInt()).isEqualTo(219);
        assertThat(clipped.get("feature_values").get(8)).isEqualTo(all.get("feature_values").get(218));

        assertThat(ok(ann, base + "?start=0&end=1").get("feature_values").size()).isEqualTo(1);
        assertThat(ok(ann, base + "?start=218&end=219").get("feature_values").get(0)).isEqualTo(all.get("feature_values").get(218));
        assertThat(ok(ann, base + "?start=5&end=5").get("feature_values").size()).isZero();
        assertThat(ok(ann, base + "?start=219&end=300").get("feature_values").size()).isZero();
        assertThat(ok(ann, base + "?start=500").get("feature_values").size()).isZero();
        assertThat(ok(ann, base + "?start=200").get("feature_values").size()).isEqualTo(19);
        assertThat(ok(ann, base + "?end=3").get("feature_values").size()).isEqualTo(3);
        assertThat(ok(ann, base).get("feature_values").size()).isEqualTo(219);
    }

    @Test
    void a_bad_range_is_a_400_naming_the_parameter() {
        String base = "/api/v1/feature/" + completedRun.upload() + "/range";
        assertBad(base + "?start=-1&end=10", "start");
        assertBad(base + "?start=0&end=-3", "end");
        assertBad(base + "?start=20&end=10", "end");
        assertBad(base + "?start=abc&end=10", "start");
        assertBad(base + "?start=0&end=ten", "end");
        assertBad(base + "?start=1.5", "start");
        assertBad(base + "?start=99999999999", "start");
        assertBad("/api/v1/feature/not-a-uuid/range?start=0&end=1", "file_upload_id");
    }

    private void assertBad(String path, String parameter) {
        Response response = as(ann).get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().at("/errors/0/field").asText()).as(path).isEqualTo(parameter);
    }

    @Test
    void another_user_is_told_none_of_it_exists_and_an_admin_sees_all_of_it() {
        String dinsight = ok(ann, "/api/v1/analyses/" + completedAnalysis).get("dinsight_id").asText();
        List<String> paths = List.of("/api/v1/analyses/" + completedAnalysis,
                "/api/v1/file-uploads/" + completedRun.upload(),
                "/api/v1/dinsight/" + dinsight,
                "/api/v1/dinsight/" + completedRun.upload(),
                "/api/v1/feature/" + completedRun.upload(),
                "/api/v1/feature/" + completedRun.upload() + "/range?start=0&end=5");
        for (String path : paths) {
            Response asBob = as(bob).get(path);
            assertThat(asBob.status()).as("bob: " + path).isEqualTo(404);
            assertThat(asBob.json().get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(as(admin).get(path).status()).as("admin: " + path).isEqualTo(200);
            assertThat(as(ann).get(path).status()).as("ann: " + path).isEqualTo(200);
            assertThat(api.get(path).status()).as("nobody: " + path).isEqualTo(401);
        }
        for (String unknown : List.of("/api/v1/analyses/", "/api/v1/file-uploads/", "/api/v1/dinsight/", "/api/v1/feature/")) {
            assertThat(as(admin).get(unknown + UUID.randomUUID()).status()).as(unknown).isEqualTo(404);
        }
    }

    @Test
    void an_upload_that_was_not_parsed_has_no_feature_table_and_an_upload_without_an_analysis_is_not_shown() {
        StoredFile csv = events.store("later.csv", Fixture.baselineCsv());
        UUID upload = UUID.randomUUID();
        events.publish("FileUpload", upload, new FileUploaded(upload, ann.userId(), annsDataset, List.of(csv), csv.size(), events.tick()));
        events.awaitRow("SELECT * FROM file_uploads WHERE id = ?", upload);
        assertThat(as(ann).get("/api/v1/file-uploads/" + upload).status()).as("no analysis of it yet").isEqualTo(404);

        events.request(new Fixture.Scenario(upload, List.of(csv), null, new ArrayList<>()), ann.userId(), annsDataset);
        assertThat(as(ann).get("/api/v1/file-uploads/" + upload).status()).isEqualTo(200);
        Response features = as(ann).get("/api/v1/feature/" + upload);
        assertThat(features.status()).isEqualTo(404);
        assertThat(features.json().get("detail").asText()).contains("no parsed feature table");
        assertThat(as(ann).get("/api/v1/dinsight/" + upload).status()).isEqualTo(404);
    }
}
