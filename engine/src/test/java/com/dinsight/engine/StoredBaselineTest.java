package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredBaselineTest {

    @Test
    void a_stored_baseline_reads_back_with_identical_coordinates_and_projections() {
        Random random = new Random(7);
        double[][] rows = new double[30][6];
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextGaussian() * (c + 1);
            }
        }
        FeatureTable table = FeatureTable.of("t.csv", List.of("f_0", "f_1", "f_2", "f_3", "f_4", "f_5"), rows);
        try (DInsightEngine engine = new DInsightEngine(1)) {
            EmbeddingResult result = engine.embed(table, EngineConfig.defaults()
                    .with("start_dim", "f_0").with("end_dim", "f_5"), 11);
            StoredBaseline stored = StoredBaseline.fromBytes(StoredBaseline.of(result).toBytes());

            assertThat(stored.x()).containsExactly(result.x());
            assertThat(stored.y()).containsExactly(result.y());
            Projection before = engine.project(table.slice(0, 5), result.model());
            Projection after = engine.project(table.slice(0, 5), stored.model());
            assertThat(after.x()).containsExactly(before.x());
            assertThat(after.y()).containsExactly(before.y());
        }
    }
}
