package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Section 4 of the contract on shared/data/test-baseline.csv with the default configuration. */
class EmbeddingOnSharedDataTest {

    private static DInsightEngine engine;
    private static EmbeddingResult result;

    @BeforeAll
    static void embed() {
        engine = new DInsightEngine(2);
        result = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 42);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void reads_219_rows_of_1024_features_with_six_metadata_columns() {
        FeatureTable t = SharedData.baseline();
        assertThat(t.rows()).isEqualTo(219);
        assertThat(t.features()).isEqualTo(1024);
        assertThat(t.featureName(0)).isEqualTo("f_0");
        assertThat(t.featureName(1023)).isEqualTo("f_1023");
        assertThat(t.metadataNames()).containsExactly("segID", "pressure", "exp", "hit_type", "hit_loc", "participant");
    }

    @Test
    void final_cost_is_below_the_start_cost() {
        assertThat(result.finalCost()).isLessThan(result.startCost());
        assertThat(result.iterations()).isBetween(1, 1000);
        assertThat(result.method()).isEqualTo("exact");
        assertThat(result.seed()).isEqualTo(42);
    }

    @Test
    void no_coordinate_or_fact_is_nan_or_infinite() {
        assertThat(result.x()).hasSize(219);
        assertThat(allFinite(result.x())).isTrue();
        assertThat(result.y()).hasSize(219);
        assertThat(allFinite(result.y())).isTrue();
        assertThat(allFinite(new double[] {result.startCost(), result.finalCost(), result.dmin(), result.dmax(),
            result.w1(), result.model().mdThreshold(), result.model().zThreshold()})).isTrue();
        assertThat(result.dmin()).isPositive().isLessThan(result.dmax());
    }

    @Test
    void auto_kernel_width_is_the_mean_normalised_distance() {
        double[][] z = Quality.standardised(SharedData.baseline());
        int n = z.length;
        double[] d = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < z[i].length; c++) {
                    s += (z[i][c] - z[j][c]) * (z[i][c] - z[j][c]);
                }
                d[k++] = Math.sqrt(s);
            }
        }
        double dmin = Arrays.stream(d).filter(v -> v > 0).min().orElseThrow();
        double dmax = Arrays.stream(d).max().orElseThrow();
        double w1 = Arrays.stream(d).map(v -> Math.max(0, (v - dmin) / (dmax - dmin))).average().orElseThrow();
        assertThat(result.dmin()).isCloseTo(dmin, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(result.dmax()).isCloseTo(dmax, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(result.w1()).isCloseTo(w1, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Test
    void trustworthiness_at_10_is_at_least_that_of_a_two_component_pca() {
        double[][] z = Quality.standardised(SharedData.baseline());
        double ours = Quality.trustworthiness(z, Quality.points(result.x(), result.y()), 10);
        double pca = Quality.trustworthiness(z, Quality.pca2(z), 10);
        assertThat(ours).isGreaterThanOrEqualTo(pca);
    }

    @Test
    void same_rows_config_and_seed_give_bit_identical_coordinates_on_one_or_two_threads() {
        EmbeddingResult again;
        EmbeddingResult single;
        try (DInsightEngine one = new DInsightEngine(1); DInsightEngine three = new DInsightEngine(3)) {
            single = one.embed(SharedData.baseline(), EngineConfig.defaults(), 42);
            again = three.embed(SharedData.baseline(), EngineConfig.defaults(), 42);
        }
        assertThat(Arrays.equals(single.x(), result.x())).isTrue();
        assertThat(Arrays.equals(single.y(), result.y())).isTrue();
        assertThat(Arrays.equals(again.x(), result.x())).isTrue();
        assertThat(Arrays.equals(again.y(), result.y())).isTrue();
        assertThat(single.finalCost()).isEqualTo(result.finalCost());
        assertThat(single.iterations()).isEqualTo(result.iterations());
    }

    @Test
    void a_different_seed_gives_different_jitter_but_the_same_facts_of_the_data() {
        EmbeddingResult other = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 7);
        assertThat(Arrays.equals(other.x(), result.x())).isFalse();
        assertThat(other.dmin()).isEqualTo(result.dmin());
        assertThat(other.w1()).isEqualTo(result.w1());
    }

    @Test
    void unscaled_features_are_dominated_by_the_largest_feature_yet_still_embed() {
        EngineConfig none = EngineConfig.defaults().with("feature_scaling", "none");
        EmbeddingResult raw = engine.embed(SharedData.baseline(), none, 42);
        assertThat(raw.featureScaling()).isEqualTo("none");
        assertThat(raw.finalCost()).isLessThan(raw.startCost());
        assertThat(allFinite(raw.x())).isTrue();
        assertThat(raw.dmax()).isNotEqualTo(result.dmax());
    }

    @Test
    void sgd_and_random_starts_also_lower_the_cost() {
        EngineConfig cfg = EngineConfig.defaults().with("optimizer", "sgd").with("mode", "random")
                .with("imax", "300");
        EmbeddingResult r = engine.embed(SharedData.baseline(), cfg, 3);
        assertThat(r.finalCost()).isLessThan(r.startCost());
        assertThat(allFinite(r.x())).isTrue();
    }

    @Test
    void start_positions_are_the_principal_components_scaled_to_param_mode() {
        EngineConfig cfg = EngineConfig.defaults().with("imax", "1").with("alpha", "1e-12");
        EmbeddingResult r = engine.embed(SharedData.baseline(), cfg, 42);
        double[][] pca = Quality.pca2(Quality.standardised(SharedData.baseline()));
        double big = 0;
        for (double[] p : pca) {
            big = Math.max(big, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        }
        for (int i = 0; i < pca.length; i++) {
            // up to each axis's sign and the +-1e-3 * param_mode jitter
            assertThat(Math.abs(Math.abs(r.x()[i]) - Math.abs(pca[i][0] * 0.3 / big))).isLessThan(0.3e-3 + 1e-9);
            assertThat(Math.abs(Math.abs(r.y()[i]) - Math.abs(pca[i][1] * 0.3 / big))).isLessThan(0.3e-3 + 1e-9);
        }
    }

    static boolean allFinite(double[] values) {
        return Arrays.stream(values).allMatch(Double::isFinite);
    }
}
