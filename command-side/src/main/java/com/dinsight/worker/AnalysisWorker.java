package com.dinsight.worker;

import com.dinsight.api.analysis.AnalysisFacts;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.CompleteAnalysis;
import com.dinsight.api.analysis.FailAnalysis;
import com.dinsight.api.analysis.MarkFileParsed;
import com.dinsight.api.analysis.RejectFile;
import com.dinsight.api.analysis.ReportAnalysisProgress;
import com.dinsight.api.analysis.StartAnalysis;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.EmbeddingResult;
import com.dinsight.engine.EngineConfig;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.InvalidInputException;
import com.dinsight.engine.StoredBaseline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the engine for each requested analysis. It is a streaming event processor of its own
 * ({@value #PROCESSING_GROUP}): its segments spread over worker nodes, its thread count bounds the
 * analyses run at once, and its token moves past an analysis only when the analysis ended, so a
 * worker that dies mid-run leaves the request to be taken up again (a new attempt) on restart.
 *
 * <p>Commands go out on a thread of their own, outside this handler's unit of work, so each
 * commits at once: progress is visible while the engine runs.
 */
@Component
@ProcessingGroup(AnalysisWorker.PROCESSING_GROUP)
class AnalysisWorker {

    static final String PROCESSING_GROUP = "analysis-worker";
    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);

    private final CommandGateway commands;
    private final BlobStore blobs;
    private final int engineThreads;
    private final ExecutorService commandThread = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "analysis-worker-commands");
        thread.setDaemon(true);
        return thread;
    });

    AnalysisWorker(CommandGateway commands, BlobStore blobs,
                   @Value("${dinsight.worker.engine-threads:0}") int engineThreads) {
        this.commands = commands;
        this.blobs = blobs;
        this.engineThreads = engineThreads > 0 ? engineThreads : Runtime.getRuntime().availableProcessors();
    }

    @EventHandler
    @DisallowReplay
    void on(AnalysisRequested request) {
        if (!start(request)) {
            return;
        }
        long started = System.nanoTime();
        ColumnSelection columns = new ColumnSelection(request.config().endMeta(), request.config().startDim(),
                request.config().endDim());
        FeatureTable table;
        try {
            table = UploadedTables.read(blobs, request.files(), columns);
        } catch (InvalidInputException badContent) {
            send(new RejectFile(request.fileUploadId(), badContent.getMessage()));
            fail(request, "The upload cannot be read: " + badContent.getMessage());
            return;
        } catch (UploadedTables.LostUploadException lost) {
            fail(request, lost.getMessage());
            return;
        }
        send(new MarkFileParsed(request.fileUploadId(), columns, table.rows(), table.features()));
        EmbeddingResult result;
        try (DInsightEngine engine = new DInsightEngine(engineThreads)) {
            result = engine.embed(table, engineConfig(request.config()), request.seed(), progressOf(request), () -> false);
        } catch (InvalidInputException | IllegalArgumentException cannotEmbed) {
            fail(request, "The analysis cannot run on this data: " + cannotEmbed.getMessage());
            return;
        }
        StoredFile stored = storeResult(result);
        AnalysisFacts facts = new AnalysisFacts(table.rows(), table.features(), result.iterations(), result.startCost(),
                result.finalCost(), result.converged(), result.dmin(), result.dmax(), result.w1(), result.seed(),
                result.method(), result.landmarks(), result.featureScaling(), result.keptFeatures(),
                result.droppedFeatures(), result.millis());
        send(new CompleteAnalysis(request.analysisId(), facts, stored));
        log.info("Analysis {} of {} rows x {} features completed in {} ms ({} iterations, {})", request.analysisId(),
                table.rows(), table.features(), (System.nanoTime() - started) / 1_000_000, result.iterations(),
                result.method());
    }

    /** False when the analysis already ended (this event was delivered again after it did). */
    private boolean start(AnalysisRequested request) {
        try {
            int attempt = send(new StartAnalysis(request.analysisId()));
            if (attempt > 1) {
                log.warn("Taking analysis {} up again (attempt {}): an earlier worker did not finish it",
                        request.analysisId(), attempt);
            }
            return true;
        } catch (CommandExecutionException refused) {
            if (refused.getDetails().filter(BusinessError.class::isInstance).map(BusinessError.class::cast)
                    .map(error -> error.code() == ErrorCode.CONFLICT).orElse(false)) {
                return false;
            }
            throw refused;
        }
    }

    private void fail(AnalysisRequested request, String reason) {
        log.info("Analysis {} failed: {}", request.analysisId(), reason);
        send(new FailAnalysis(request.analysisId(), reason));
    }

    private com.dinsight.engine.ProgressListener progressOf(AnalysisRequested request) {
        double[] reported = {0};
        return (fraction, stage) -> {
            if (fraction >= reported[0] + 0.1 && fraction < 1) {
                reported[0] = fraction;
                send(new ReportAnalysisProgress(request.analysisId(), fraction, stage));
            }
        };
    }

    private StoredFile storeResult(EmbeddingResult result) {
        try {
            BlobStore.Blob blob = blobs.put(StoredBaseline.of(result).toBytes());
            return new StoredFile("baseline-result", blob.sha256(), blob.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the analysis result", e);
        }
    }

    static EngineConfig engineConfig(ProcessingConfig c) {
        return EngineConfig.fromMap(Map.ofEntries(
                Map.entry("gamma0", c.gamma0()), Map.entry("optimizer", c.optimizer()), Map.entry("alpha", c.alpha()),
                Map.entry("imax", c.imax()), Map.entry("lowdim", c.lowdim()), Map.entry("eta", c.eta()),
                Map.entry("epsilon", c.epsilon()), Map.entry("beta1", c.beta1()), Map.entry("beta2", c.beta2()),
                Map.entry("beta", c.beta()), Map.entry("a", c.a()), Map.entry("w1", c.w1()), Map.entry("w2", c.w2()),
                Map.entry("which_w1", c.whichW1()), Map.entry("mode", c.mode()), Map.entry("param_mode", c.paramMode()),
                Map.entry("end_meta", c.endMeta()), Map.entry("start_dim", c.startDim()),
                Map.entry("end_dim", c.endDim()), Map.entry("feature_scaling", c.featureScaling()),
                Map.entry("detection_method", c.detectionMethod())));
    }

    /** Sends outside the current unit of work, so the command's events commit now. */
    private <R> R send(Object command) {
        try {
            return CompletableFuture.supplyAsync(() -> commands.<R>sendAndWait(command), commandThread).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
