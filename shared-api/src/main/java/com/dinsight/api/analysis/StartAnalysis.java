package com.dinsight.api.analysis;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A worker takes the analysis up (again, after a crash: attempts count up). */
public record StartAnalysis(@TargetAggregateIdentifier UUID analysisId) {
}
