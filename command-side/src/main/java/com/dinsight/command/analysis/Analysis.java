package com.dinsight.command.analysis;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.analysis.AnalysisCompleted;
import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.CompleteAnalysis;
import com.dinsight.api.analysis.FailAnalysis;
import com.dinsight.api.analysis.ReportAnalysisProgress;
import com.dinsight.api.analysis.RunAnalysis;
import com.dinsight.api.analysis.StartAnalysis;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.error.Refusals;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One analysis run: requested, started (again after a worker died: attempts count up), then
 * completed or failed, once. The seed of the run is decided here and travels in the event.
 */
@Aggregate
class Analysis {

    static final String BASELINE = "baseline";
    private static final SecureRandom SEEDS = new SecureRandom();

    enum Status { REQUESTED, PROCESSING, COMPLETED, FAILED }

    @AggregateIdentifier
    private UUID analysisId;
    private UUID fileUploadId;
    private UUID datasetId;
    private int configVersion;
    private Status status;
    private int attempts;
    private Instant requestedAt;
    private UUID requestedBy;

    Analysis() {
        // for Axon
    }

    @CommandHandler
    Analysis(RunAnalysis command, Clock clock) {
        apply(new AnalysisRequested(command.analysisId(), command.fileUploadId(), command.datasetId(),
                command.requestedBy().userId(), BASELINE, command.configVersion(), command.config(),
                List.copyOf(command.files()), SEEDS.nextLong() & Long.MAX_VALUE, clock.instant()));
    }

    /** Answers the attempt number; refuses with CONFLICT once the analysis has ended. */
    @CommandHandler
    int handle(StartAnalysis command, Clock clock) {
        requireRunning();
        apply(new AnalysisStarted(analysisId, fileUploadId, attempts + 1, clock.instant()));
        return attempts;
    }

    @CommandHandler
    void handle(ReportAnalysisProgress command, Clock clock) {
        if (status == Status.PROCESSING) {
            apply(new AnalysisProgressed(analysisId, Math.max(0, Math.min(1, command.progress())), command.stage(),
                    clock.instant()));
        }
    }

    @CommandHandler
    UUID handle(CompleteAnalysis command, Clock clock) {
        requireRunning();
        Instant now = clock.instant();
        UUID dinsightId = UUID.randomUUID();
        apply(new AnalysisCompleted(analysisId, fileUploadId, datasetId, dinsightId, configVersion, command.facts(),
                command.result(), Duration.between(requestedAt, now).toMillis(), now, requestedBy));
        return dinsightId;
    }

    @CommandHandler
    void handle(FailAnalysis command, Clock clock) {
        requireRunning();
        apply(new AnalysisFailed(analysisId, fileUploadId, command.reason(), clock.instant()));
    }

    private void requireRunning() {
        if (status == Status.COMPLETED || status == Status.FAILED) {
            throw Refusals.refuse(new BusinessError(ErrorCode.CONFLICT,
                    "Analysis " + analysisId + " has already " + status.name().toLowerCase(), List.of()));
        }
    }

    @EventSourcingHandler
    void on(AnalysisRequested event) {
        analysisId = event.analysisId();
        fileUploadId = event.fileUploadId();
        datasetId = event.datasetId();
        configVersion = event.configVersion();
        requestedAt = event.requestedAt();
        requestedBy = event.requestedBy();
        status = Status.REQUESTED;
    }

    @EventSourcingHandler
    void on(AnalysisStarted event) {
        status = Status.PROCESSING;
        attempts = event.attempt();
    }

    @EventSourcingHandler
    void on(AnalysisCompleted event) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(AnalysisFailed event) {
        status = Status.FAILED;
    }
}
