package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a completed baseline analysis available for monitoring (sent by a policy on AnalysisCompleted). */
public record RegisterBaseline(@TargetAggregateIdentifier UUID dinsightId, UUID analysisId, UUID datasetId,
                               UUID ownerId, StoredFile result) {
}
