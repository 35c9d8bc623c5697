package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A dataset's anomaly thresholds: {@code anomalyThreshold} null means calibrated from each baseline
 * (dinsight-algorithm.md 3.4); {@code sensitivityFactor} divides both thresholds.
 */
public record SetThresholds(@TargetAggregateIdentifier UUID datasetId, Caller caller, Double anomalyThreshold,
                            double sensitivityFactor) {
}
