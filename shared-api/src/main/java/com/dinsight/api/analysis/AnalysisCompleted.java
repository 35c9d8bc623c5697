package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An analysis finished. The coordinates and the engine's baseline model are in the immutable blob
 * {@code result} (claim check), so replay reads them and never re-runs the optimiser.
 * {@code requestedBy} (who asked for the run) owns the baseline for monitoring.
 */
@Revision("1")
public record AnalysisCompleted(UUID analysisId, UUID fileUploadId, UUID datasetId, UUID dinsightId,
                                int configVersion, AnalysisFacts facts, StoredFile result, long totalMillis,
                                Instant completedAt, UUID requestedBy) {
}
