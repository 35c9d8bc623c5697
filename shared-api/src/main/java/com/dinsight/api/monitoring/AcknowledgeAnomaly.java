package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcknowledgeAnomaly(@TargetAggregateIdentifier UUID dinsightId, UUID anomalyId, Caller caller) {
}
