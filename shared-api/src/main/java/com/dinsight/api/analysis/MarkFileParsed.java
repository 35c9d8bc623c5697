package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The worker read the upload's rows with this column selection. */
public record MarkFileParsed(@TargetAggregateIdentifier UUID fileUploadId, ColumnSelection columns, int rows,
                             int features) {
}
