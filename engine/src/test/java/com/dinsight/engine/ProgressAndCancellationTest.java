package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressAndCancellationTest {

    @Test
    void progress_rises_in_steps_of_at_most_five_percent_and_ends_at_one() {
        List<Double> seen = new ArrayList<>();
        EngineConfig cfg = EngineConfig.defaults().with("gamma0", "0").with("imax", "200");
        try (DInsightEngine engine = new DInsightEngine(2)) {
            engine.embed(SharedData.baseline(), cfg, 1, (f, stage) -> seen.add(f), Cancellation.NONE);
        }
        assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
        double last = 0;
        for (double f : seen) {
            assertThat(f).isGreaterThanOrEqualTo(last);
            assertThat(f - last).isLessThanOrEqualTo(0.05);
            last = f;
        }
    }

    @Test
    void cancellation_stops_the_embedding_within_one_iteration() {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger iterationsSeen = new AtomicInteger();
        EngineConfig cfg = EngineConfig.defaults().with("gamma0", "0").with("imax", "1000");
        try (DInsightEngine engine = new DInsightEngine(2)) {
            int[] atCancel = new int[1];
            assertThatThrownBy(() -> engine.embed(SharedData.baseline(), cfg, 1, (f, stage) -> {
                if (stage.equals("optimise")) {
                    iterationsSeen.incrementAndGet();
                }
            }, () -> {
                boolean stop = iterationsSeen.get() >= 10;
                if (stop && atCancel[0] == 0) {
                    atCancel[0] = iterationsSeen.get();
                }
                polls.incrementAndGet();
                return stop;
            })).isInstanceOf(EmbeddingCancelledException.class);
            assertThat(iterationsSeen.get()).isEqualTo(atCancel[0]);
            assertThat(iterationsSeen.get()).isEqualTo(10);
        }
    }
}
