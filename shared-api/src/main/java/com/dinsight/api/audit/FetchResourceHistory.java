package com.dinsight.api.audit;

import com.dinsight.api.Caller;

/**
 * The events of one resource (aggregate) as the event store holds them, from sequence
 * {@code page * size} on, at most {@code size}. Answers empty when there are none or the caller
 * may not see the resource.
 */
public record FetchResourceHistory(Caller caller, String resourceType, String resourceId, int page, int size) {
}
