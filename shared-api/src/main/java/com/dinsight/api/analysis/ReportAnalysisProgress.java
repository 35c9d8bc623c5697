package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReportAnalysisProgress(@TargetAggregateIdentifier UUID analysisId, double progress, String stage) {
}
