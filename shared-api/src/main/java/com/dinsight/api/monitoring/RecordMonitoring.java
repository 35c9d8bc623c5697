package com.dinsight.api.monitoring;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records scored monitoring points, in the order given; the baseline assigns their process order.
 * {@code rawValues} is the blob of the rows' feature values (row-major doubles), for monitor_data.
 */
public record RecordMonitoring(@TargetAggregateIdentifier UUID dinsightId, Caller caller, List<MonitoringPoint> points,
                               StoredFile rawValues) {
}
