package com.dinsight.api.analysis;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records files already stored in the blob store as one upload (merged in the given order). */
public record UploadFile(@TargetAggregateIdentifier UUID fileUploadId, Caller owner, UUID datasetId,
                         List<StoredFile> files) {
}
