package com.dinsight.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** A baseline of ../shared/data/test-baseline.csv, uploaded over HTTP and ready for monitoring. */
public final class Baselines {

    private Baselines() {
    }

    public record Baseline(String analysisId, String datasetId, String fileUploadId, String dinsightId) {
    }

    /** Uploads the shared baseline as the client's user, waits for the analysis and the baseline's registration. */
    public static Baseline ready(ApiClient owner) {
        ApiClient.Response accepted;
        try {
            accepted = owner.postMultipart("/api/v1/analyze", new Multipart().file("files", "test-baseline.csv",
                    Files.readAllBytes(SharedFiles.path("data/test-baseline.csv"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String analysisId = accepted.json().get("analysis_id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() ->
                "completed".equals(owner.get("/api/v1/analyses/" + analysisId).json().path("status").asText()));
        JsonNode analysis = owner.get("/api/v1/analyses/" + analysisId).json();
        String dinsightId = analysis.get("dinsight_id").asText();
        // the baseline is registered for monitoring by a policy, milliseconds after completion
        await().atMost(Duration.ofSeconds(20)).until(() ->
                owner.postJson("/api/v1/monitor/" + dinsightId, "{\"rows\": []}").status() != 404);
        return new Baseline(analysisId, analysis.get("dataset_id").asText(), analysis.get("file_upload_id").asText(),
                dinsightId);
    }
}
