package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An analysis failed; the reason is written for the user (file, row, column where it applies). */
@Revision("1")
public record AnalysisFailed(UUID analysisId, UUID fileUploadId, String reason, Instant failedAt) {
}
