package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a dataset; its events stay in the store for audits. Owner or admin only. */
public record DeleteDataset(@TargetAggregateIdentifier UUID datasetId, Caller caller) {
}
