package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailAnalysis(@TargetAggregateIdentifier UUID analysisId, String reason) {
}
