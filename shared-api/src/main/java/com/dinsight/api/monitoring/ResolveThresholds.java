package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers the dataset's current {@link Thresholds} if the caller may use it. */
public record ResolveThresholds(@TargetAggregateIdentifier UUID datasetId, Caller caller) {
}
