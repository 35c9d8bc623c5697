package com.dinsight.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rule as the API shows it; a webhook's secret is never shown, {@code signed} says one is set. */
public record AlertRuleView(UUID id, UUID datasetId, String name, AlertCondition condition, List<AlertAction> actions,
                            String severity, boolean isActive, boolean signed, UUID createdBy, Instant createdAt,
                            Instant updatedAt) {
}
