package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Section 5: above landmark_threshold rows, embed landmarks exactly and place the rest. */
class LandmarkTest {

    private static final EngineConfig LANDMARKS = EngineConfig.defaults().with("landmark_threshold", "150")
            .with("landmark_count", "120");

    @Test
    void switches_to_landmarks_above_the_threshold_and_says_so() {
        try (DInsightEngine engine = new DInsightEngine(2)) {
            EmbeddingResult r = engine.embed(SharedData.baseline(), LANDMARKS, 4);
            assertThat(r.method()).isEqualTo("landmark");
            assertThat(r.landmarks()).isEqualTo(120);
            assertThat(r.model().referenceCount()).isEqualTo(120);
            assertThat(r.x()).hasSize(219);
            assertThat(Arrays.stream(r.x()).allMatch(Double::isFinite)).isTrue();
            assertThat(r.finalCost()).isLessThan(r.startCost());
            EmbeddingResult exact = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 4);
            assertThat(exact.method()).isEqualTo("exact");
            double[][] z = Quality.standardised(SharedData.baseline());
            double tLandmark = Quality.trustworthiness(z, Quality.points(r.x(), r.y()), 10);
            double tPca = Quality.trustworthiness(z, Quality.pca2(z), 10);
            assertThat(tLandmark).isGreaterThan(tPca - 0.05);
            MonitoringReport report = engine.monitor(SharedData.monitoring(), r.model(), ScoringOptions.DEFAULT);
            assertThat(report.summary().anomalyPercentage()).isLessThanOrEqualTo(5.0);
        }
    }

    @Test
    void landmark_results_do_not_depend_on_the_thread_count() {
        EmbeddingResult one;
        EmbeddingResult two;
        try (DInsightEngine a = new DInsightEngine(1); DInsightEngine b = new DInsightEngine(2)) {
            one = a.embed(SharedData.baseline(), LANDMARKS, 4);
            two = b.embed(SharedData.baseline(), LANDMARKS, 4);
        }
        assertThat(Arrays.equals(one.x(), two.x()) && Arrays.equals(one.y(), two.y())).isTrue();
    }
}
