package com.dinsight.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.FileRejected;
import com.dinsight.api.analysis.FileUploaded;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.app.analysis.AnalysisProjectionTest.Fixture;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.blob.BlobStore;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.testsupport.FreshDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties the read model (the reset handlers), replays the event store into it, and finds every
 * row of this tables identical: uploads single and merged, parsed and rejected; analyses
 * pending, running, failed and completed; two completed analyses of one upload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
class AnalysisProjectionReplayTest {

    /** This tables, and the key that orders each snapshot. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("file_uploads", "t.id");
        TABLES.put("feature_columns", "t.file_upload_id");
        TABLES.put("feature_data", "t.file_upload_id, t.row_index");
        TABLES.put("dinsight_data", "t.id");
        TABLES.put("analyses", "t.id");
    }

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

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Every row, every column, ordered. */
    private Map<String, String> snapshot() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        TABLES.forEach((table, order) -> snapshot.put(table, jdbc.sql("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY "
                + order + "), '') FROM " + table + " t").query(String.class).single()));
        snapshot.put("datasets.last_analysis_at", jdbc.sql(
                "SELECT coalesce(string_agg(id || '=' || coalesce(last_analysis_at::text, '-'), ',' ORDER BY id), '') FROM datasets")
                .query(String.class).single());
        return snapshot;
    }

    @Test
    void resetting_the_read_model_and_replaying_the_event_store_rebuilds_identical_upload_and_analysis_tables() {
        ApiClient api = new ApiClient(port);
        TestUsers.signUp(api, "admin");
        Session ann = TestUsers.signUp(api, "ann");
        Session bob = TestUsers.signUp(api, "bob");
        UUID annsDataset = Fixture.createDataset(api, ann, "Ann's");
        UUID bobsDataset = Fixture.createDataset(api, bob, "Bob's");
        Fixture events = new Fixture(eventStore, blobs, jdbc);

        Fixture.Scenario single = events.uploadAndParse(ann.userId(), annsDataset, "test-baseline.csv");
        events.complete(single, ann.userId(), annsDataset);
        events.complete(single, ann.userId(), annsDataset); // a second run of the same upload
        Fixture.Scenario merged = events.uploadAndParse(bob.userId(), bobsDataset, "test-baseline.csv", "test-monitoring.csv");
        events.complete(merged, bob.userId(), bobsDataset);

        UUID running = events.request(single, ann.userId(), annsDataset);
        events.publish("Analysis", running, new AnalysisStarted(running, single.upload(), 1, events.tick()));
        events.publish("Analysis", running, new AnalysisStarted(running, single.upload(), 2, events.tick()));
        events.publish("Analysis", running, new AnalysisProgressed(running, 0.5, "optimising", events.tick()));
        events.request(merged, bob.userId(), bobsDataset); // pending

        StoredFile broken = events.store("broken.csv", "segID,participant,f_0\n1,a,x\n".getBytes(StandardCharsets.UTF_8));
        UUID rejected = UUID.randomUUID();
        events.publish("FileUpload", rejected, new FileUploaded(rejected, ann.userId(), annsDataset, List.of(broken),
                broken.size(), events.tick()));
        UUID failed = UUID.randomUUID();
        events.publish("Analysis", failed, new AnalysisRequested(failed, rejected, annsDataset, ann.userId(), "baseline", 1,
                ProcessingConfig.defaults(), List.of(broken), 9L, events.tick()));
        events.publish("Analysis", failed, new AnalysisStarted(failed, rejected, 1, events.tick()));
        events.publish("FileUpload", rejected, new FileRejected(rejected, "broken.csv, row 2, column f_0: not a number", events.tick()));
        events.publish("Analysis", failed, new AnalysisFailed(failed, rejected, "The upload cannot be read", events.tick()));
        events.awaitTrue(() -> "failed".equals(events.status("analyses", failed)));
        events.awaitTrue(() -> jdbc.sql("SELECT results->>'progress' FROM analyses WHERE id = ?").param(running)
                .query(String.class).single().equals("0.5"));

        assertThat(count("feature_data")).isEqualTo(219 + 438);
        assertThat(count("dinsight_data")).isEqualTo(3);
        assertThat(count("analyses")).isEqualTo(6);
        Map<String, String> before = snapshot();
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.keySet().forEach(table -> counts.put(table, count(table)));

        long started = System.nanoTime();
        StreamingEventProcessor processor = ReadModelReplay.restart(processing, () -> TABLES.keySet()
                .forEach(table -> assertThat(count(table)).as("%s emptied by the reset", table).isZero()));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                ReadModelReplay.caughtUp(processor, () -> TABLES.keySet().stream().allMatch(table -> count(table) == counts.get(table))
                        && snapshot().get("analyses").equals(before.get("analyses"))));
        System.out.printf("Replay of the read model (%d events) took %d ms%n",
                jdbc.sql("SELECT count(*) FROM axon.domain_event_entry").query(Long.class).single(),
                (System.nanoTime() - started) / 1_000_000);

        Map<String, String> after = snapshot();
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
    }
}
