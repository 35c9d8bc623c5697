package com.dinsight.command.monitoring;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.monitoring.AcknowledgeAnomaly;
import com.dinsight.api.monitoring.BaselineDescription;
import com.dinsight.api.monitoring.DescribeBaseline;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.ResolveThresholds;
import com.dinsight.api.monitoring.SetThresholds;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.blob.BlobStore;
import com.dinsight.command.request.UploadedParts;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.StoredBaseline;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Monitoring rows in, scored points out. The rows are placed and scored here, outside the
 * baseline's lock; the baseline aggregate only numbers them and records them (one round trip).
 */
@RestController
@Tag(name = "Monitoring and anomalies")
class MonitoringCommandController {

    record ScoredPoint(UUID monitorId, int processOrder, double dinsightX, double dinsightY,
                       double mahalanobisDistance, boolean anomalous, String severity) {
    }

    record Points(List<ScoredPoint> points) {
    }

    record ThresholdsRequest(Double anomalyThreshold, Double sensitivityFactor) {
    }

    static final int INLINE_ROWS = 16;

    private final CommandGateway commands;
    private final BaselineModels models;
    private final MonitoringScorer scorer;
    private final BlobStore blobs;
    private final AnomalyIndex anomalies;
    private final MonitoringRecorder recorder;
    private final Cache<DescriptionKey, BaselineDescription> descriptions = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    /**
     * Every post to a dataset's baselines needs its thresholds, and asking the dataset aggregate
     * serialised all posts of a dataset on its lock. A change made through this node is seen at
     * once (invalidated below); one made through another command node at most two seconds later:
     * under load an entry older than a second is refreshed in the background while posts go on
     * with it (when it expired instead, every post in flight waited for the reload, once a second;
     * decision 43), and one not refreshed for two seconds is asked for again.
     */
    private final LoadingCache<ThresholdsKey, Thresholds> thresholds;

    MonitoringCommandController(CommandGateway commands, BaselineModels models, MonitoringScorer scorer, BlobStore blobs,
                                AnomalyIndex anomalies, MonitoringRecorder recorder) {
        this.commands = commands;
        this.thresholds = Caffeine.newBuilder()
                .maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(1)).expireAfterWrite(Duration.ofSeconds(2))
                .build(key -> onExisting("Dataset " + key.datasetId(),
                        () -> commands.sendAndWait(new ResolveThresholds(key.datasetId(), key.caller()))));
        this.recorder = recorder;
        this.anomalies = anomalies;
        this.models = models;
        this.scorer = scorer;
        this.blobs = blobs;
    }

    @PostMapping(path = "/api/v1/monitor/{dinsightId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Place and score the rows of a CSV file (part 'file') on a baseline")
    Points monitorFile(@AuthenticationPrincipal Caller caller, @PathVariable UUID dinsightId,
                       @RequestParam(name = "file", required = false) MultipartFile file, HttpServletRequest request) {
        if (file == null || file.isEmpty()) {
            throw UploadedParts.missing("file", "a non-empty CSV file", request);
        }
        BaselineDescription baseline = describe(dinsightId, caller);
        StoredBaseline stored = models.of(baseline.result());
        String name = file.getOriginalFilename() == null ? "monitoring.csv" : file.getOriginalFilename();
        FeatureTable rows;
        try (InputStream in = file.getInputStream()) {
            rows = FeatureTableReader.readByName(in, name, models.columnsOf(baseline.result()).names());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record(caller, baseline, stored, rows);
    }

    @PostMapping(path = "/api/v1/monitor/{dinsightId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place and score JSON rows on a baseline: {rows: [{features: {name: value} or values: [...], metadata: {...}}]}")
    Points monitorRows(@AuthenticationPrincipal Caller caller, @PathVariable UUID dinsightId,
                       @RequestBody MonitoringRows.Request body) {
        BaselineDescription baseline = describe(dinsightId, caller);
        StoredBaseline stored = models.of(baseline.result());
        return record(caller, baseline, stored, MonitoringRows.table(body, models.columnsOf(baseline.result())));
    }

    @PutMapping("/api/v1/analytics/thresholds/{datasetId}")
    @Operation(summary = "Set a dataset's anomaly_threshold (null: calibrated per baseline) and sensitivity_factor; "
            + "they apply to points received afterwards")
    Thresholds setThresholds(@AuthenticationPrincipal Caller caller, @PathVariable UUID datasetId,
                             @RequestBody ThresholdsRequest body) {
        double sensitivity = body.sensitivityFactor() == null ? 1.0 : body.sensitivityFactor();
        try {
            return onExisting("Dataset " + datasetId, () -> commands.sendAndWait(
                    new SetThresholds(datasetId, caller, body.anomalyThreshold(), sensitivity)));
        } finally {
            thresholds.asMap().keySet().removeIf(key -> key.datasetId().equals(datasetId));
        }
    }

    @PostMapping("/api/v1/anomalies/{anomalyId}/acknowledge")
    @Operation(summary = "Acknowledge an anomaly, recording who and when; a second acknowledgement is a 409")
    Acknowledged acknowledge(@AuthenticationPrincipal Caller caller, @PathVariable UUID anomalyId) {
        UUID dinsightId = anomalies.baselineOf(anomalyId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Anomaly " + anomalyId + " does not exist"));
        try {
            commands.sendAndWait(new AcknowledgeAnomaly(dinsightId, anomalyId, caller));
        } catch (org.axonframework.commandhandling.CommandExecutionException refused) {
            boolean hidden = refused.getDetails().filter(com.dinsight.api.error.BusinessError.class::isInstance)
                    .map(d -> ((com.dinsight.api.error.BusinessError) d).code() == ErrorCode.NOT_FOUND).orElse(false);
            if (hidden) {
                throw new ApiException(ErrorCode.NOT_FOUND, "Anomaly " + anomalyId + " does not exist");
            }
            throw refused;
        }
        return new Acknowledged(anomalyId, caller.userId());
    }

    record Acknowledged(UUID anomalyId, UUID acknowledgedBy) {
    }

    private Points record(Caller caller, BaselineDescription baseline, StoredBaseline stored, FeatureTable rows) {
        Thresholds current = thresholds.get(new ThresholdsKey(baseline.datasetId(), caller));
        List<MonitoringPoint> scored = scorer.score(rows, stored, current);
        RecordMonitoring record = rows.rows() <= INLINE_ROWS
                ? new RecordMonitoring(baseline.dinsightId(), caller, scored, null, rows.valuesRowMajor())
                : new RecordMonitoring(baseline.dinsightId(), caller, scored, storeRaw(rows), null);
        List<MonitoringPoint> recorded = recorder.record(record);
        return new Points(recorded.stream().map(p -> new ScoredPoint(p.monitorId(), p.processOrder(), p.x(), p.y(),
                p.mahalanobisDistance(), p.anomalous(), p.severity())).toList());
    }

    private StoredFile storeRaw(FeatureTable rows) {
        double[] values = rows.valuesRowMajor();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        try {
            BlobStore.Blob blob = blobs.put(bytes.array());
            return new StoredFile("monitoring-rows", blob.sha256(), blob.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the monitoring rows", e);
        }
    }

    /**
     * A baseline's owner, dataset and result never change, so an answered access check is kept a
     * while per baseline and caller (role included: a changed role asks again).
     */
    private BaselineDescription describe(UUID dinsightId, Caller caller) {
        return descriptions.get(new DescriptionKey(dinsightId, caller), key -> onExisting("Baseline " + dinsightId,
                () -> commands.sendAndWait(new DescribeBaseline(dinsightId, caller))));
    }

    private record DescriptionKey(UUID dinsightId, Caller caller) {
    }

    private record ThresholdsKey(UUID datasetId, Caller caller) {
    }

    private static <T> T onExisting(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (AggregateNotFoundException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, what + " does not exist");
        }
    }
}
