package com.dinsight.api.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as the API shows it: the alerts row ({@code data} holds count, first/last seen, worst
 * severity, matched points, deliveries and messages), with its rule and its first anomaly (null
 * when the alert has none or the anomaly is not in the read model).
 */
public record AlertView(UUID id, UUID alertRuleId, UUID datasetId, UUID anomalyId, String status,
                        Map<String, Object> data, UUID acknowledgedBy, Instant acknowledgedAt, UUID resolvedBy,
                        Instant resolvedAt, Instant createdAt, Instant changedAt, AlertRuleView rule,
                        Map<String, Object> anomaly) {
}
