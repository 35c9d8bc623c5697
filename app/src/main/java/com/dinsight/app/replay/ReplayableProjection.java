package com.dinsight.app.replay;

import java.util.List;

/**
 * Declares an event processor whose handlers only write the given tables and can therefore be
 * rebuilt from the event store with a zero-downtime replay (docs/replay.md). One bean per processor;
 * a processor without one is refused ({@code POST /admin/replay} answers 400).
 *
 * @param processor the processor's (processing group's) name
 * @param tables    every table of schema {@code public} its handlers write, and no other
 */
public record ReplayableProjection(String processor, List<String> tables) {

    public ReplayableProjection {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A replayable projection needs its tables: " + processor);
        }
    }
}
