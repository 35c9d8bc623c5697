package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The fraction of the engine's work done (0..1), at most every 10%. */
@Revision("1")
public record AnalysisProgressed(UUID analysisId, double progress, String stage, Instant reportedAt) {
}
