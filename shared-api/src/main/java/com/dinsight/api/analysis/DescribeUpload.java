package com.dinsight.api.analysis;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers the {@link UploadDescription} if the caller may use this upload (owner or admin); else not found. */
public record DescribeUpload(@TargetAggregateIdentifier UUID fileUploadId, Caller caller) {
}
