package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The upload's content is not a usable table; the reason names file, row and column. */
public record RejectFile(@TargetAggregateIdentifier UUID fileUploadId, String reason) {
}
