package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a dataset inactive (kept, but no longer in use). Owner or admin only. */
public record DeactivateDataset(@TargetAggregateIdentifier UUID datasetId, Caller caller) {
}
