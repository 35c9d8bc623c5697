package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Answers the dataset's owner if the caller may use this dataset (owner or admin, not deleted); refuses
 * as not found otherwise.
 */
public record CheckDatasetAccess(@TargetAggregateIdentifier UUID datasetId, Caller caller) {
}
