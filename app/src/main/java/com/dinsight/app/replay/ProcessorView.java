package com.dinsight.app.replay;

/**
 * One event processor of this node as {@code GET /admin/processors} shows it. {@code position} is the
 * lowest token (global index) of the segments this node claims, {@code head} the store's newest,
 * {@code lag} the difference; all three null when this node claims no segment (another node may).
 */
public record ProcessorView(String name, String type, boolean running, boolean error, Integer segmentsClaimed,
                            Long position, Long head, Long lag, boolean replaying, boolean replayable,
                            ReplayProgress replay) {
}
