package com.dinsight.app.replay;

import java.time.Instant;

/**
 * What {@code GET /admin/replay/{processor}} answers. Events are counted by the event store's global
 * index: {@code events_done} is the shadow processor's position, {@code events_total} the head of the
 * store (it grows while events arrive). {@code rate} is events per second since the start,
 * {@code estimated_end} extrapolates it; {@code rows_changed} is what the switch wrote to the live tables,
 * {@code live_paused_millis} how long the live processor was stopped for it (queries answered throughout).
 */
public record ReplayProgress(String processor, String state, Instant startedAt, Instant finishedAt, long eventsDone,
                             long eventsTotal, Double rate, Instant estimatedEnd, Long rowsChanged, Long livePausedMillis,
                             String error) {
}
