package com.dinsight.api.analysis;

import com.dinsight.api.Caller;
import com.dinsight.api.config.ProcessingConfig;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for a baseline analysis of an upload with one configuration version. */
public record RunAnalysis(@TargetAggregateIdentifier UUID analysisId, UUID fileUploadId, UUID datasetId,
                          Caller requestedBy, int configVersion, ProcessingConfig config, List<StoredFile> files) {
}
