package com.dinsight.api.analysis;

import com.dinsight.api.config.ProcessingConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An analysis was asked for. Carries everything the worker needs: the files by hash, the whole
 * configuration of that version, and the random seed decided here, so a run can be reproduced.
 */
@Revision("1")
public record AnalysisRequested(UUID analysisId, UUID fileUploadId, UUID datasetId, UUID requestedBy,
                                String analysisType, int configVersion, ProcessingConfig config,
                                List<StoredFile> files, long seed, Instant requestedAt) {
}
