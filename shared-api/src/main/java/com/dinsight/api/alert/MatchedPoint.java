package com.dinsight.api.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A monitoring point that matched a rule: enough to find it again and to show why it matched. */
public record MatchedPoint(UUID monitorId, UUID dinsightId, int processOrder, Instant timestamp,
                           double mahalanobisDistance, boolean anomalous, String severity, UUID anomalyId) {

    /** The point as the API and webhooks spell it (snake_case, ids and times as text). */
    public Map<String, Object> asMap() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("monitor_id", monitorId.toString());
        point.put("dinsight_id", dinsightId.toString());
        point.put("process_order", processOrder);
        point.put("timestamp", timestamp.toString());
        point.put("mahalanobis_distance", mahalanobisDistance);
        point.put("anomalous", anomalous);
        point.put("severity", severity);
        point.put("anomaly_id", anomalyId == null ? null : anomalyId.toString());
        return point;
    }
}
