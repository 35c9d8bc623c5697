package com.dinsight.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.Baselines.Baseline;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.app.support.TestUsers;
import com.dinsight.blob.BlobStore;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A completed analysis whose result blob is gone when the read model is rebuilt: the analysis and
 * the baseline registered from it (whose projection reads the same blob) are parked, everything
 * else is projected, and once the blob is back a retry projects both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class MissingResultBlobTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;
    @Autowired
    EventProcessingConfiguration processing;
    ApiClient root;

    @Test
    void a_missing_result_blob_parks_its_analysis_and_baseline_until_it_is_restored() throws Exception {
        ApiClient api = new ApiClient(port);
        root = api.as(TestUsers.signUp(api, "root").accessToken());
        Baseline baseline = Baselines.ready(root);
        Path result = blobs.path(jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb -> 'result' ->> 'sha256' FROM axon.domain_event_entry
                        WHERE payloadType = 'com.dinsight.api.analysis.AnalysisCompleted'""")
                .query(String.class).single());
        Path aside = result.resolveSibling(result.getFileName() + ".aside");
        Files.move(result, aside);

        StreamingEventProcessor readModel = ReadModelReplay.restart(processing, () -> { });
        await().atMost(PATIENCE).until(() -> ReadModelReplay.caughtUp(readModel,
                () -> parkedSequences().equals(Set.of(baseline.analysisId(), baseline.dinsightId()))));
        // other aggregates were projected, and so are events after the parked ones
        assertThat(root.get("/api/v1/datasets/" + baseline.datasetId()).status()).isEqualTo(200);
        Response created = root.postJson("/api/v1/datasets", "{\"name\": \"after the incident\"}");
        await().atMost(PATIENCE).until(() ->
                root.get("/api/v1/datasets/" + created.json().get("id").asText()).status() == 200);
        assertThat(root.get("/api/v1/analyses/" + baseline.analysisId()).json().get("status").asText())
                .isNotEqualTo("completed");
        for (JsonNode letter : letters()) {
            assertThat(letter.get("cause_type").asText()).endsWith("MissingBlobException");
        }

        JsonNode failed = retryAll();
        assertThat(failed.get("succeeded").asInt()).isZero();
        assertThat(failed.get("failed").asInt()).isEqualTo(2);

        Files.move(aside, result);
        JsonNode retried = retryAll();
        assertThat(retried.get("succeeded").asInt()).isEqualTo(2);
        assertThat(parkedSequences()).isEmpty();
        assertThat(root.get("/api/v1/analyses/" + baseline.analysisId()).json().get("status").asText())
                .isEqualTo("completed");
        assertThat(jdbc.sql("SELECT count(*) FROM baselines WHERE dinsight_id = ?::uuid").param(baseline.dinsightId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private JsonNode retryAll() {
        Response response = root.postJson("/api/v1/admin/dead-letters/read-model/retry", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode letters() {
        Response response = root.get("/api/v1/admin/dead-letters?processor=read-model");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("total").asLong()).isEqualTo(2);
        return response.json().get("items");
    }

    private Set<String> parkedSequences() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT sequenceIdentifier FROM axon.dead_letter_entry")
                .query(String.class).list());
    }
}
