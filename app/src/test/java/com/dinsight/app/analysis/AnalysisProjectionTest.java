package com.dinsight.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.analysis.AnalysisCompleted;
import com.dinsight.api.analysis.AnalysisFacts;
import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.FileParsed;
import com.dinsight.api.analysis.FileRejected;
import com.dinsight.api.analysis.FileUploaded;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.SharedFiles;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.EmbeddingResult;
import com.dinsight.engine.EngineConfig;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.StoredBaseline;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The projection of upload and analysis events into file_uploads, feature_data (+ feature_columns),
 * dinsight_data, analyses and datasets.last_analysis_at. Events are published into the event store
 * directly, with real blobs (the shared CSV, and a baseline the engine computed from it), and users
 * and datasets made over HTTP so every foreign key holds. The worker role is off, so nothing but
 * these events reaches the read model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
class AnalysisProjectionTest {

    private static final List<String> METADATA = List.of("segID", "pressure", "exp", "hit_type", "hit_loc", "participant");

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private static Session ann;
    private static UUID dataset;
    private Fixture events;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        if (ann == null) {
            TestUsers.signUp(api, "admin");
            ann = TestUsers.signUp(api, "ann");
        }
        events = new Fixture(eventStore, blobs, jdbc);
        if (dataset == null) {
            dataset = Fixture.createDataset(api, ann, "Pump 7");
        }
    }

    @Test
    void an_upload_is_pending_with_its_files_in_upload_order_and_the_first_files_blob_as_its_path() {
        StoredFile first = events.store("baseline.csv", Fixture.baselineCsv());
        StoredFile second = events.store("monitoring.csv", Fixture.monitoringCsv());
        Instant at = events.tick();
        UUID upload = UUID.randomUUID();
        events.publish("FileUpload", upload, new FileUploaded(upload, ann.userId(), dataset, List.of(first, second),
                first.size() + second.size(), at));

        Map<String, Object> row = events.awaitRow("SELECT * FROM file_uploads WHERE id = ?", upload);
        assertThat(row).containsEntry("original_filename", "baseline.csv + monitoring.csv")
                .containsEntry("file_size", first.size() + second.size())
                .containsEntry("file_path", "blob:" + first.sha256())
                .containsEntry("status", "pending")
                .containsEntry("error_message", null);
        assertThat(Fixture.instant(row.get("created_at"))).isEqualTo(at);
        assertThat(Fixture.instant(row.get("updated_at"))).isEqualTo(at);
        JsonNode merged = Fixture.json(jdbc.sql("SELECT merged_files::text FROM file_uploads WHERE id = ?").param(upload)
                .query(String.class).single());
        assertThat(merged.size()).isEqualTo(2);
        assertThat(merged.get(0).get("name").asText()).isEqualTo("baseline.csv");
        assertThat(merged.get(0).get("sha256").asText()).isEqualTo(first.sha256());
        assertThat(merged.get(0).get("size").asLong()).isEqualTo(first.size());
        assertThat(merged.get(1).get("name").asText()).isEqualTo("monitoring.csv");
        assertThat(merged.get(1).get("sha256").asText()).isEqualTo(second.sha256());
    }

    @Test
    void a_long_joined_file_name_is_cut_to_255_characters_and_a_nul_in_it_does_not_stop_the_projection() {
        StoredFile csv = events.store("x.csv", Fixture.baselineCsv());
        List<StoredFile> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(new StoredFile("a-rather-long-file-name-number-" + i + "-\u0000-\uD83D\uDE00.csv", csv.sha256(), csv.size()));
        }
        UUID upload = UUID.randomUUID();
        events.publish("FileUpload", upload, new FileUploaded(upload, ann.userId(), dataset, files, 10 * csv.size(), events.tick()));

        String name = (String) events.awaitRow("SELECT original_filename FROM file_uploads WHERE id = ?", upload)
                .get("original_filename");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(255);
        assertThat(name).startsWith("a-rather-long-file-name-number-0-\uFFFD-\uD83D\uDE00.csv + ").doesNotContain("\u0000");
    }

    @Test
    void a_parsed_upload_has_one_feature_data_row_per_csv_row_in_file_order_with_1024_values_and_its_metadata()
            throws SQLException {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv");

        assertThat(events.count("SELECT count(*) FROM feature_data WHERE file_upload_id = ?", run.upload())).isEqualTo(219);
        FeatureTable expected = Fixture.baselineTable();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id, row_index, feature_values, metadata::text AS metadata, created_at,
                            array_length(feature_values, 1) AS dim1, array_length(feature_values, 2) AS dim2
                        FROM feature_data WHERE file_upload_id = ? ORDER BY row_index""")
                .param(run.upload()).query().listOfRows();
        assertThat(rows).hasSize(219);
        for (int r = 0; r < 219; r++) {
            Map<String, Object> row = rows.get(r);
            assertThat(row.get("row_index")).isEqualTo(r);
            assertThat(row.get("id")).isEqualTo(UUID.nameUUIDFromBytes((run.upload() + ":" + r).getBytes(StandardCharsets.UTF_8)));
            assertThat(row.get("dim1")).isEqualTo(1);
            assertThat(row.get("dim2")).isEqualTo(1024);
            assertThat(Fixture.firstRow((Array) row.get("feature_values"))).as("row %d", r).containsExactly(expected.row(r));
            JsonNode metadata = Fixture.json((String) row.get("metadata"));
            List<String> keys = new ArrayList<>();
            metadata.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyInAnyOrderElementsOf(METADATA);
            for (int c = 0; c < METADATA.size(); c++) {
                assertThat(metadata.get(METADATA.get(c)).asText()).isEqualTo(expected.metadata(r).get(c));
            }
            assertThat(Fixture.instant(row.get("created_at"))).isEqualTo(run.parsedAt());
        }
        Map<String, Object> columns = jdbc.sql("SELECT * FROM feature_columns WHERE file_upload_id = ?")
                .param(run.upload()).query().singleRow();
        assertThat(columns).containsEntry("total_rows", 219);
        assertThat(List.of((String[]) ((Array) columns.get("metadata_names")).getArray())).isEqualTo(METADATA);
        List<String> featureNames = List.of((String[]) ((Array) columns.get("feature_names")).getArray());
        assertThat(featureNames).hasSize(1024).startsWith("f_0", "f_1").endsWith("f_1023");
    }

    @Test
    void a_merged_upload_has_the_rows_of_the_first_file_then_those_of_the_second() {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv", "test-monitoring.csv");

        assertThat(events.count("SELECT count(*) FROM feature_data WHERE file_upload_id = ?", run.upload())).isEqualTo(438);
        FeatureTable monitoring = Fixture.table("test-monitoring.csv");
        List<double[]> rows = jdbc.sql("""
                        SELECT feature_values FROM feature_data WHERE file_upload_id = ? AND row_index IN (0, 218, 219, 437)
                        ORDER BY row_index""")
                .param(run.upload()).query((rs, n) -> Fixture.firstRow(rs.getArray(1))).list();
        assertThat(rows.get(0)).containsExactly(Fixture.baselineTable().row(0));
        assertThat(rows.get(1)).containsExactly(Fixture.baselineTable().row(218));
        assertThat(rows.get(2)).containsExactly(monitoring.row(0));
        assertThat(rows.get(3)).containsExactly(monitoring.row(218));
    }

    @Test
    void an_analysis_goes_pending_processing_with_progress_then_completed_with_the_blobs_coordinates_and_its_facts() {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv");
        UUID analysis = UUID.randomUUID();
        Instant requestedAt = events.tick();
        events.publish("Analysis", analysis, new AnalysisRequested(analysis, run.upload(), dataset, ann.userId(),
                "baseline", 1, ProcessingConfig.defaults(), run.files(), 42L, requestedAt));
        Map<String, Object> pending = events.awaitRow("SELECT * FROM analyses WHERE id = ?", analysis);
        assertThat(pending).containsEntry("status", "pending").containsEntry("dataset_id", dataset)
                .containsEntry("file_upload_id", run.upload()).containsEntry("analysis_type", "baseline")
                .containsEntry("created_by", ann.userId()).containsEntry("dinsight_id", null)
                .containsEntry("completed_at", null);
        assertThat(Fixture.instant(pending.get("created_at"))).isEqualTo(requestedAt);
        assertThat(events.results(analysis).toString()).isEqualTo("{\"seed\":42,\"progress\":0,\"config_id\":1}");

        Instant startedAt = events.tick();
        events.publish("Analysis", analysis, new AnalysisStarted(analysis, run.upload(), 1, startedAt));
        events.publish("Analysis", analysis, new AnalysisProgressed(analysis, 0.4, "optimising", events.tick()));
        events.awaitTrue(() -> events.results(analysis).path("progress").asDouble() == 0.4);
        assertThat(events.status("analyses", analysis)).isEqualTo("processing");
        assertThat(events.results(analysis).get("stage").asText()).isEqualTo("optimising");
        assertThat(events.status("file_uploads", run.upload())).isEqualTo("processing");
        assertThat(Fixture.instant(events.awaitRow("SELECT updated_at FROM file_uploads WHERE id = ?", run.upload())
                .get("updated_at"))).isEqualTo(startedAt);

        UUID dinsight = UUID.randomUUID();
        Instant completedAt = events.tick();
        events.publish("Analysis", analysis, new AnalysisCompleted(analysis, run.upload(), dataset, dinsight, 1,
                Fixture.facts(), events.result(), 1234L, completedAt, null));
        events.awaitTrue(() -> "completed".equals(events.status("analyses", analysis)));

        Map<String, Object> completed = jdbc.sql("SELECT * FROM analyses WHERE id = ?").param(analysis).query().singleRow();
        assertThat(completed).containsEntry("dinsight_id", dinsight);
        assertThat(Fixture.instant(completed.get("completed_at"))).isEqualTo(completedAt);
        JsonNode results = events.results(analysis);
        List<String> keys = new ArrayList<>();
        results.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("progress", "config_id", "iterations", "start_cost", "final_cost",
                "converged", "method", "landmarks", "dmin", "dmax", "w1", "seed", "feature_scaling", "kept_features",
                "dropped_features", "rows", "features", "engine_millis", "total_millis");
        EmbeddingResult engine = Fixture.embedding();
        assertThat(results.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(results.get("iterations").asInt()).isEqualTo(engine.iterations());
        assertThat(results.get("final_cost").asDouble()).isEqualTo(engine.finalCost());
        assertThat(results.get("converged").asBoolean()).isEqualTo(engine.converged());
        assertThat(results.get("method").asText()).isEqualTo(engine.method());
        assertThat(results.get("rows").asInt()).isEqualTo(219);
        assertThat(results.get("features").asInt()).isEqualTo(1024);
        assertThat(results.get("total_millis").asLong()).isEqualTo(1234L);
        assertThat(results.get("seed").asLong()).isEqualTo(engine.seed());

        Map<String, Object> coordinates = jdbc.sql("SELECT * FROM dinsight_data WHERE id = ?").param(dinsight).query().singleRow();
        assertThat(coordinates).containsEntry("file_upload_id", run.upload()).containsEntry("config_id", 1);
        assertThat(Fixture.doubles(coordinates.get("x_values"))).hasSize(219).containsExactly(engine.x());
        assertThat(Fixture.doubles(coordinates.get("y_values"))).hasSize(219).containsExactly(engine.y());
        assertThat(Fixture.instant(coordinates.get("created_at"))).isEqualTo(completedAt);
        assertThat(events.status("file_uploads", run.upload())).isEqualTo("completed");
        Instant lastAnalysis = Fixture.instant(jdbc.sql("SELECT last_analysis_at FROM datasets WHERE id = ?")
                .param(dataset).query().singleValue());
        assertThat(lastAnalysis).isAfterOrEqualTo(completedAt);
    }

    @Test
    void a_rejected_upload_and_its_failed_analysis_keep_the_reason_and_have_no_features_and_no_coordinates() {
        StoredFile file = events.store("broken.csv", "segID,participant,f_0\n1,a,x\n".getBytes(StandardCharsets.UTF_8));
        UUID upload = UUID.randomUUID();
        events.publish("FileUpload", upload, new FileUploaded(upload, ann.userId(), dataset, List.of(file), file.size(), events.tick()));
        UUID analysis = UUID.randomUUID();
        events.publish("Analysis", analysis, new AnalysisRequested(analysis, upload, dataset, ann.userId(), "baseline", 1,
                ProcessingConfig.defaults(), List.of(file), 7L, events.tick()));
        events.publish("Analysis", analysis, new AnalysisStarted(analysis, upload, 1, events.tick()));
        String reason = "broken.csv, row 2, column f_0: feature value 'x' is not a number";
        Instant rejectedAt = events.tick();
        events.publish("FileUpload", upload, new FileRejected(upload, reason, rejectedAt));
        events.awaitTrue(() -> "failed".equals(events.status("file_uploads", upload)));
        Map<String, Object> rejected = jdbc.sql("SELECT * FROM file_uploads WHERE id = ?").param(upload).query().singleRow();
        assertThat(rejected).containsEntry("error_message", reason);
        assertThat(Fixture.instant(rejected.get("updated_at"))).isEqualTo(rejectedAt);

        Instant failedAt = events.tick();
        events.publish("Analysis", analysis, new AnalysisFailed(analysis, upload, "The upload cannot be read: " + reason, failedAt));
        events.awaitTrue(() -> "failed".equals(events.status("analyses", analysis)));
        Map<String, Object> failed = jdbc.sql("SELECT * FROM analyses WHERE id = ?").param(analysis).query().singleRow();
        assertThat(Fixture.instant(failed.get("completed_at"))).isEqualTo(failedAt);
        assertThat(failed).containsEntry("dinsight_id", null);
        assertThat(events.results(analysis).get("error").asText()).isEqualTo("The upload cannot be read: " + reason);
        assertThat(events.results(analysis).get("seed").asLong()).isEqualTo(7L);
        assertThat(jdbc.sql("SELECT error_message FROM file_uploads WHERE id = ?").param(upload).query(String.class).single())
                .isEqualTo("The upload cannot be read: " + reason);
        assertThat(events.count("SELECT count(*) FROM feature_data WHERE file_upload_id = ?", upload)).isZero();
        assertThat(events.count("SELECT count(*) FROM feature_columns WHERE file_upload_id = ?", upload)).isZero();
        assertThat(events.count("SELECT count(*) FROM dinsight_data WHERE file_upload_id = ?", upload)).isZero();
    }

    @Test
    void a_failure_of_an_engine_run_after_parsing_keeps_the_features_and_writes_no_coordinates() {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv");
        UUID analysis = events.request(run, ann.userId(), dataset);
        events.publish("Analysis", analysis, new AnalysisStarted(analysis, run.upload(), 1, events.tick()));
        events.publish("Analysis", analysis, new AnalysisProgressed(analysis, 0.3, "distances", events.tick()));
        events.publish("Analysis", analysis, new AnalysisFailed(analysis, run.upload(), "The analysis cannot run on this data", events.tick()));
        events.awaitTrue(() -> "failed".equals(events.status("analyses", analysis)));

        assertThat(events.status("file_uploads", run.upload())).isEqualTo("failed");
        assertThat(events.results(analysis).get("error").asText()).isEqualTo("The analysis cannot run on this data");
        assertThat(events.results(analysis).get("progress").asDouble()).isEqualTo(0.3);
        assertThat(events.count("SELECT count(*) FROM feature_data WHERE file_upload_id = ?", run.upload())).isEqualTo(219);
        assertThat(events.count("SELECT count(*) FROM dinsight_data WHERE file_upload_id = ?", run.upload())).isZero();
    }

    @Test
    void the_same_events_handled_again_after_the_token_moved_back_or_published_twice_leave_every_row_as_it_was() {
        long before = events.lastGlobalIndex();
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv");
        UUID analysis = events.complete(run, ann.userId(), dataset);
        String snapshot = events.snapshot(run.upload());
        assertThat(snapshot).contains("completed");

        // A batch handled twice: the processor's token goes back to before this scenario's first event.
        StreamingEventProcessor processor = processing.eventProcessor("read-model", StreamingEventProcessor.class).orElseThrow();
        long last = events.lastGlobalIndex();
        processor.shutDown();
        events.moveTokenBackTo(before);
        jdbc.sql("UPDATE file_uploads SET status = 'tampered' WHERE id = ?").param(run.upload()).update();
        processor.start();
        events.awaitTrue(() -> events.tokenIndex() >= last);
        assertThat(events.snapshot(run.upload())).as("handled again, so the tampered status is gone").isEqualTo(snapshot);

        // The same payloads as new events (the sequence numbers go on).
        for (Object payload : run.payloads()) {
            UUID aggregate = payload instanceof AnalysisRequested || payload instanceof AnalysisStarted
                    || payload instanceof AnalysisCompleted ? analysis : run.upload();
            events.publish(aggregate.equals(analysis) ? "Analysis" : "FileUpload", aggregate, payload);
        }
        long republished = events.lastGlobalIndex();
        events.awaitTrue(() -> events.tokenIndex() >= republished);
        assertThat(events.snapshot(run.upload())).isEqualTo(snapshot);
    }

    @Test
    void a_missing_result_blob_parks_the_analysis_while_later_events_go_on_until_it_is_retried() throws Exception {
        Fixture.Scenario run = events.uploadAndParse(ann.userId(), dataset, "test-baseline.csv");
        UUID analysis = events.request(run, ann.userId(), dataset);
        byte[] later = StoredBaseline.of(Fixture.embedding()).toBytes().clone();
        later[later.length - 1] ^= 1; // other bytes, so another hash, not in the store yet
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(later));
        assertThat(blobs.contains(sha)).isFalse();
        UUID dinsight = UUID.randomUUID();
        events.publish("Analysis", analysis, new AnalysisCompleted(analysis, run.upload(), dataset, dinsight, 1,
                Fixture.facts(), new StoredFile("baseline-result", sha, later.length), 10L, events.tick(), null));
        UUID after = UUID.randomUUID();
        StoredFile csv = events.store("after.csv", Fixture.baselineCsv());
        events.publish("FileUpload", after, new FileUploaded(after, ann.userId(), dataset, List.of(csv), csv.size(), events.tick()));

        // the analysis's sequence is parked (docs/evolution.md); the later upload, another aggregate, goes on
        events.awaitRow("SELECT * FROM file_uploads WHERE id = ?", after);
        await().atMost(Duration.ofSeconds(120)).until(() -> events.count(
                "SELECT count(*) FROM axon.dead_letter_entry WHERE sequenceIdentifier = ?::text", analysis) == 1);
        assertThat(events.status("analyses", analysis)).as("the failing event is not skipped").isEqualTo("pending");

        blobs.put(new ByteArrayInputStream(later));
        assertThat(processing.sequencedDeadLetterProcessor("read-model").orElseThrow().process(letter ->
                letter.message() instanceof DomainEventMessage<?> event
                        && event.getAggregateIdentifier().equals(analysis.toString()))).isTrue();
        assertThat(events.status("analyses", analysis)).isEqualTo("completed");
        assertThat(events.count("SELECT count(*) FROM dinsight_data WHERE id = ?", dinsight)).isEqualTo(1);
        assertThat(events.count("SELECT count(*) FROM axon.dead_letter_entry WHERE sequenceIdentifier = ?::text",
                analysis)).isZero();
    }

    /**
     * Publishes upload and analysis events as the write model would, with real blobs, and reads
     * the tables back. Shared by the analysis read-model tests of this package.
     */
    static final class Fixture {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final ColumnSelection COLUMNS = new ColumnSelection("participant", "f_0", "f_1023");
        private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2026-03-01T08:00:00Z").toEpochMilli() * 1000);
        private static final Map<String, byte[]> CSV = new HashMap<>();
        private static EmbeddingResult embedding;

        private final EventStore eventStore;
        private final BlobStore blobs;
        private final JdbcClient jdbc;
        private final Map<UUID, Long> sequences = new HashMap<>();

        Fixture(EventStore eventStore, BlobStore blobs, JdbcClient jdbc) {
            this.eventStore = eventStore;
            this.blobs = blobs;
            this.jdbc = jdbc;
        }

        /** An upload, parsed: the events the write model emits before an analysis runs. */
        record Scenario(UUID upload, List<StoredFile> files, Instant parsedAt, List<Object> payloads) {
        }

        static UUID createDataset(ApiClient api, Session owner, String name) {
            ApiClient.Response created = api.as(owner.accessToken()).postJson("/api/v1/datasets",
                    "{\"name\": \"%s\"}".formatted(name));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.as(owner.accessToken()).get("/api/v1/datasets/" + id).status() == 200);
            return UUID.fromString(id);
        }

        /** Distinct, increasing, microsecond instants (PostgreSQL's precision). */
        Instant tick() {
            long micros = CLOCK.addAndGet(1000);
            return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }

        StoredFile store(String name, byte[] bytes) {
            try {
                BlobStore.Blob blob = blobs.put(bytes);
                return new StoredFile(name, blob.sha256(), blob.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void publish(String type, UUID aggregate, Object payload) {
            long sequence = sequences.merge(aggregate, 0L, (old, zero) -> old + 1);
            eventStore.publish(new GenericDomainEventMessage<>(type, aggregate.toString(), sequence, payload));
        }

        Scenario uploadAndParse(UUID owner, UUID dataset, String... sharedFiles) {
            List<StoredFile> files = new ArrayList<>();
            int rows = 0;
            for (String shared : sharedFiles) {
                files.add(store(shared, csv(shared)));
                rows += table(shared).rows();
            }
            UUID upload = UUID.randomUUID();
            Object uploaded = new FileUploaded(upload, owner, dataset, files,
                    files.stream().mapToLong(StoredFile::size).sum(), tick());
            Instant parsedAt = tick();
            Object parsed = new FileParsed(upload, COLUMNS, rows, 1024, parsedAt);
            publish("FileUpload", upload, uploaded);
            publish("FileUpload", upload, parsed);
            int expected = rows;
            awaitTrue(() -> count("SELECT count(*) FROM feature_data WHERE file_upload_id = ?", upload) == expected);
            return new Scenario(upload, files, parsedAt, new ArrayList<>(List.of(uploaded, parsed)));
        }

        UUID request(Scenario run, UUID user, UUID dataset) {
            UUID analysis = UUID.randomUUID();
            AnalysisRequested requested = new AnalysisRequested(analysis, run.upload(), dataset, user, "baseline", 1,
                    ProcessingConfig.defaults(), run.files(), 42L, tick());
            publish("Analysis", analysis, requested);
            run.payloads().add(requested);
            awaitRow("SELECT * FROM analyses WHERE id = ?", analysis);
            return analysis;
        }

        /** Requests, starts and completes an analysis of the upload; answers its id. */
        UUID complete(Scenario run, UUID user, UUID dataset) {
            UUID analysis = request(run, user, dataset);
            AnalysisStarted started = new AnalysisStarted(analysis, run.upload(), 1, tick());
            AnalysisCompleted completed = new AnalysisCompleted(analysis, run.upload(), dataset, UUID.randomUUID(), 1,
                    facts(), result(), 321L, tick(), null);
            publish("Analysis", analysis, started);
            publish("Analysis", analysis, completed);
            run.payloads().add(started);
            run.payloads().add(completed);
            awaitTrue(() -> "completed".equals(status("analyses", analysis)));
            return analysis;
        }

        /** The engine's result for the shared baseline, stored as the worker stores it. */
        StoredFile result() {
            return store("baseline-result", StoredBaseline.of(embedding()).toBytes());
        }

        static synchronized EmbeddingResult embedding() {
            if (embedding == null) {
                try (DInsightEngine engine = new DInsightEngine()) {
                    embedding = engine.embed(baselineTable(), EngineConfig.defaults(), 42L);
                }
            }
            return embedding;
        }

        static AnalysisFacts facts() {
            EmbeddingResult r = embedding();
            return new AnalysisFacts(219, 1024, r.iterations(), r.startCost(), r.finalCost(), r.converged(), r.dmin(),
                    r.dmax(), r.w1(), r.seed(), r.method(), r.landmarks(), r.featureScaling(), r.keptFeatures(),
                    r.droppedFeatures(), r.millis());
        }

        static byte[] baselineCsv() {
            return csv("test-baseline.csv");
        }

        static byte[] monitoringCsv() {
            return csv("test-monitoring.csv");
        }

        static synchronized byte[] csv(String shared) {
            return CSV.computeIfAbsent(shared, name -> {
                try {
                    return Files.readAllBytes(SharedFiles.path("data/" + name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        static FeatureTable baselineTable() {
            return table("test-baseline.csv");
        }

        static FeatureTable table(String shared) {
            return FeatureTableReader.read(new ByteArrayInputStream(csv(shared)), shared, COLUMNS.endMeta(),
                    COLUMNS.startDim(), COLUMNS.endDim());
        }

        Map<String, Object> awaitRow(String sql, Object id) {
            awaitTrue(() -> !jdbc.sql(sql).param(id).query().listOfRows().isEmpty());
            return jdbc.sql(sql).param(id).query().singleRow();
        }

        void awaitTrue(Callable<Boolean> condition) {
            // 120 s: parking a poison event takes the processor's error back-off, a few times over (docs/evolution.md)
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(condition);
        }

        long count(String sql, Object id) {
            return jdbc.sql(sql).param(id).query(Long.class).single();
        }

        String status(String table, UUID id) {
            return jdbc.sql("SELECT status FROM " + table + " WHERE id = ?").param(id).query(String.class).optional()
                    .orElse(null);
        }

        JsonNode results(UUID analysis) {
            return json(jdbc.sql("SELECT results::text FROM analyses WHERE id = ?").param(analysis).query(String.class).single());
        }

        long lastGlobalIndex() {
            return jdbc.sql("SELECT coalesce(max(globalindex), -1) FROM axon.domain_event_entry").query(Long.class).single();
        }

        /** The read-model processor's position (the index of its gap-aware tracking token). */
        long tokenIndex() {
            String token = jdbc.sql("SELECT convert_from(token, 'UTF8') FROM axon.token_entry WHERE processorname = 'read-model'")
                    .query(String.class).single();
            JsonNode node = json(token);
            return node.has("index") ? node.get("index").asLong() : node.path("tokenAtReset").path("index").asLong(-1);
        }

        /** Sets the stopped read-model processor's token to {@code index}: it handles every later event again. */
        void moveTokenBackTo(long index) {
            int updated = jdbc.sql("""
                            UPDATE axon.token_entry SET token = convert_to(?, 'UTF8'),
                                tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL
                            WHERE processorname = 'read-model'""")
                    .param("{\"index\":" + index + ",\"gaps\":[]}").update();
            assertThat(updated).isEqualTo(1);
        }

        /** Every row and column of the upload's rows in this projection's tables, in a stable order. */
        String snapshot(UUID upload) {
            return jdbc.sql("""
                            SELECT concat_ws(E'\\n',
                              (SELECT string_agg(f::text, E'\\n' ORDER BY f.id) FROM file_uploads f WHERE f.id = :u),
                              (SELECT string_agg(a::text, E'\\n' ORDER BY a.id) FROM analyses a WHERE a.file_upload_id = :u),
                              (SELECT string_agg(d::text, E'\\n' ORDER BY d.id) FROM dinsight_data d WHERE d.file_upload_id = :u),
                              (SELECT string_agg(c::text, E'\\n' ORDER BY c.file_upload_id) FROM feature_columns c WHERE c.file_upload_id = :u),
                              (SELECT string_agg(r::text, E'\\n' ORDER BY r.row_index) FROM feature_data r WHERE r.file_upload_id = :u))""")
                    .param("u", upload).query(String.class).single();
        }

        static JsonNode json(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Instant instant(Object value) {
            return value instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) value).toInstant();
        }

        static double[] doubles(Object array) {
            try {
                Object[] boxed = (Object[]) ((Array) array).getArray();
                double[] values = new double[boxed.length];
                for (int i = 0; i < boxed.length; i++) {
                    values[i] = ((Number) boxed[i]).doubleValue();
                }
                return values;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        static double[] firstRow(Array array) throws SQLException {
            Object[] rows = (Object[]) array.getArray();
            Object[] boxed = (Object[]) rows[0];
            double[] values = new double[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                values[i] = ((Number) boxed[i]).doubleValue();
            }
            return values;
        }
    }
}
