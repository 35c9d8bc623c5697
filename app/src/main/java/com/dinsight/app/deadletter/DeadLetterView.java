package com.dinsight.app.deadletter;

import java.time.Instant;
import java.util.List;

/** One parked event as {@code GET /api/v1/admin/dead-letters} shows it. */
record DeadLetterView(String processor, String sequenceId, long sequenceIndex, String eventId, String eventType,
                      String payloadRevision, String aggregateType, String aggregateId, Long aggregateSequence,
                      Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage,
                      long retryCount) {

    record Page(List<DeadLetterView> items, int page, int size, long total) {
    }

    record RetryOutcome(String processor, int processed, int succeeded, int failed) {
    }
}
