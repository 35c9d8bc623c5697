package com.dinsight.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One event of a resource's history: its place in the stream, type, revision, time, request metadata and masked payload. */
public record HistoryEvent(long sequenceNumber, String eventId, String eventType, String revision, Instant timestamp,
                           UUID userId, String ipAddress, String userAgent, Map<String, Object> payload) {
}
