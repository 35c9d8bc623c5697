package com.dinsight.api.audit;

import java.util.List;

/** A page of a resource's events in sequence order; {@code total} is the number of events the resource has. */
public record ResourceHistory(String resourceType, String resourceId, List<HistoryEvent> items, int page, int size,
                              long total) {
}
