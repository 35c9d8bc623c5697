package com.dinsight.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** More points matched an open alert: its new totals, and the new points (at most 50). */
@Revision("1")
public record AlertUpdated(UUID alertId, UUID datasetId, int added, int count, Instant lastSeen, String worstSeverity,
                           List<MatchedPoint> points,
                           java.util.Map<UUID, Integer> lastProcessOrders, Instant updatedAt) {
}
