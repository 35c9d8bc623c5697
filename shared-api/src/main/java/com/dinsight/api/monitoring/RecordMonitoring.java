package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records scored monitoring points, in the order given; the baseline assigns their process order.
 * The rows' feature values (for monitor_data) are either the blob {@code rawValues} (row-major
 * doubles) or, for a few rows, {@code inlineValues} itself (row-major, one row per point).
 */
public record RecordMonitoring(@TargetAggregateIdentifier UUID dinsightId, Caller caller, List<MonitoringPoint> points,
                               StoredFile rawValues, double[] inlineValues) {
}
