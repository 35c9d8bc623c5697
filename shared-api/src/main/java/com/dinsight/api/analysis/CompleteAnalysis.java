package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The worker's result: the facts, and the blob holding coordinates and baseline model. */
public record CompleteAnalysis(@TargetAggregateIdentifier UUID analysisId, AnalysisFacts facts, StoredFile result) {
}
