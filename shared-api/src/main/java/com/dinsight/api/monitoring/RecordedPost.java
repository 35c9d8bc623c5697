package com.dinsight.api.monitoring;

import com.dinsight.api.error.BusinessError;
import java.util.List;

/** One post's outcome in a {@link RecordMonitoringBatch}: its numbered points, or why it was refused. */
public record RecordedPost(List<MonitoringPoint> points, BusinessError refusal) {

    public static RecordedPost recorded(List<MonitoringPoint> points) {
        return new RecordedPost(points, null);
    }

    public static RecordedPost refused(BusinessError refusal) {
        return new RecordedPost(List.of(), refusal);
    }
}
