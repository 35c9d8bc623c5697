package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sliding window of an anomaly-rate rule. A {points: N} window keeps the flags of the last N
 * points and is ready once N points were seen; a {minutes: T} window keeps per-minute counts (to the
 * minute, by the points' timestamps) and covers the T minutes up to the latest point. {@code seen}
 * holds the last process order counted per baseline, so a point delivered twice counts once.
 */
final class RateWindow {

    /** The stored form (JSON in {@code alerting.rule_windows.state}). */
    record State(Map<UUID, Integer> seen, String flags, List<long[]> minutes) {
    }

    private final AlertWindow window;
    private final Map<UUID, Integer> seen;
    private final StringBuilder flags;
    private final List<long[]> minutes;

    RateWindow(AlertWindow window, State state) {
        this.window = window;
        this.seen = state == null || state.seen() == null ? new HashMap<>() : new HashMap<>(state.seen());
        this.flags = new StringBuilder(state == null || state.flags() == null ? "" : state.flags());
        this.minutes = state == null || state.minutes() == null ? new ArrayList<>() : new ArrayList<>(state.minutes());
    }

    /** Counts the point, unless it was counted before; false when it was. */
    boolean add(UUID dinsightId, int processOrder, Instant timestamp, boolean anomalous) {
        Integer last = seen.get(dinsightId);
        if (last != null && processOrder <= last) {
            return false;
        }
        seen.put(dinsightId, processOrder);
        if (window.points() != null) {
            flags.append(anomalous ? '1' : '0');
            if (flags.length() > window.points()) {
                flags.delete(0, flags.length() - window.points());
            }
        } else {
            long minute = Math.floorDiv(timestamp.getEpochSecond(), 60);
            long[] bucket = minutes.isEmpty() ? null : minutes.get(minutes.size() - 1);
            if (bucket != null && bucket[0] == minute) {
                bucket[1]++;
                bucket[2] += anomalous ? 1 : 0;
            } else {
                minutes.add(new long[] {minute, 1, anomalous ? 1 : 0});
                minutes.sort((a, b) -> Long.compare(a[0], b[0]));
            }
            long newest = minutes.get(minutes.size() - 1)[0];
            minutes.removeIf(b -> b[0] <= newest - window.minutes());
        }
        return true;
    }

    /** The anomaly rate over the window, or empty while a points window is not full yet. */
    java.util.OptionalDouble rate() {
        if (window.points() != null) {
            if (flags.length() < window.points()) {
                return java.util.OptionalDouble.empty();
            }
            long anomalous = flags.chars().filter(c -> c == '1').count();
            return java.util.OptionalDouble.of((double) anomalous / flags.length());
        }
        long total = 0;
        long anomalous = 0;
        for (long[] bucket : minutes) {
            total += bucket[1];
            anomalous += bucket[2];
        }
        return total == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of((double) anomalous / total);
    }

    State state() {
        return new State(Map.copyOf(seen), flags.toString(), List.copyOf(minutes));
    }
}
