package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers a {@link BaselineDescription} if the caller may monitor this baseline; not found otherwise. */
public record DescribeBaseline(@TargetAggregateIdentifier UUID dinsightId, Caller caller) {
}
