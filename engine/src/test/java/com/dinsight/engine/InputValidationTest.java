package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.engine.InvalidInputException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InputValidationTest {

    private static DInsightEngine engine;

    @BeforeAll
    static void start() {
        engine = new DInsightEngine(2);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static FeatureTable table(double[][] rows) {
        return FeatureTable.of("t.csv", java.util.List.of("f_0", "f_1", "f_2"), rows);
    }

    private static EngineConfig small() {
        return EngineConfig.defaults().with("end_dim", "f_2");
    }

    @Test
    void rejects_a_baseline_with_fewer_than_three_rows() {
        assertThatThrownBy(() -> engine.embed(table(new double[][] {{1, 2, 3}, {2, 3, 4}}), small(), 1))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_ROWS));
    }

    @Test
    void rejects_a_baseline_whose_rows_are_all_identical() {
        double[][] same = {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}};
        for (String scaling : new String[] {"standard", "none"}) {
            assertThatThrownBy(() -> engine.embed(table(same), small().with("feature_scaling", scaling), 1))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.IDENTICAL_ROWS));
        }
    }

    @Test
    void rejects_rows_that_are_all_equally_far_apart() {
        double[][] simplex = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertThatThrownBy(() -> engine.embed(table(simplex), small().with("feature_scaling", "none"), 1))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IDENTICAL_ROWS));
    }

    @Test
    void duplicate_rows_have_distance_zero_and_do_not_set_dmin() {
        double[][] rows = {{1, 2, 3}, {1, 2, 3}, {2, 2, 3}, {4, 2, 3.5}, {0, 1, 1}};
        EmbeddingResult r = engine.embed(table(rows), small().with("feature_scaling", "none"), 1);
        assertThat(r.dmin()).isEqualTo(Math.sqrt(1 + 0.0));
    }

    @Test
    void a_singular_baseline_covariance_is_an_error_for_scoring_not_a_nan() {
        double[][] rows = {{0, 0, 0}, {1, 0, 0.5}, {2, 0, 0}, {3, 0, 0.5}};
        EmbeddingResult r = engine.embed(table(rows), small(), 1);
        BaselineModel m = r.model();
        BaselineModel collinear = new BaselineModel(m.config, m.method, m.seed, m.baselineRows, m.featureNames,
                m.means, m.sds, m.kept, m.used, m.centre, m.refCount, m.refs, m.refNorms, m.refPoints, m.dmin, m.dmax,
                m.w1, Scorer.singular(new double[] {1, 1, 1}), m.mu, new double[] {1, 1, 1}, Double.NaN, m.zThreshold);
        assertThat(collinear.singularCovariance()).isTrue();
        assertThat(Scorer.singular(new double[] {1, 0, 1e-13})).isTrue();
        assertThat(Scorer.singular(new double[] {1, 0, 1e-6})).isFalse();
        assertThatThrownBy(() -> engine.monitor(table(rows), collinear, ScoringOptions.DEFAULT))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SINGULAR_COVARIANCE));
    }

    @Test
    void rejects_monitoring_columns_that_differ_from_the_baseline_naming_the_first_mismatch() {
        BaselineModel m = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 1).model();
        FeatureTable mon = SharedData.monitoring();
        String[] names = mon.featureNames().toArray(String[]::new);
        names[7] = "f_7b";
        FeatureTable renamed = FeatureTable.of("mon.csv", names, mon.valuesRowMajor());
        assertThatThrownBy(() -> engine.project(renamed, m)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.COLUMN_MISMATCH);
            assertThat(e.column()).isEqualTo("f_7b");
            assertThat(e.getMessage()).contains("f_7");
        });
        FeatureTable shorter = mon.slice(0, 2);
        String[] fewer = java.util.Arrays.copyOf(names, 1000);
        fewer[7] = "f_7";
        double[] v = new double[2 * 1000];
        FeatureTable missing = FeatureTable.of("mon.csv", fewer, v);
        assertThat(shorter.rows()).isEqualTo(2);
        assertThatThrownBy(() -> engine.monitor(missing, m, ScoringOptions.DEFAULT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.column()).isEqualTo("f_1000"));
    }

    @Test
    void rejects_an_output_dimension_other_than_two() {
        assertThatThrownBy(() -> EngineConfig.defaults().with("lowdim", "3"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_CONFIGURATION);
                    assertThat(e.column()).isEqualTo("lowdim");
                });
    }

    @Test
    void rejects_unknown_keys_and_out_of_range_values_naming_the_key() {
        String[][] bad = {{"optimizer", "lbfgs"}, {"alpha", "0"}, {"alpha", "x"}, {"imax", "0"}, {"beta1", "1"},
            {"w1", "-1"}, {"mode", "pca"}, {"feature_scaling", "minmax"}, {"detection_method", "iforest"},
            {"param_mode", "0"}, {"start_dim", " "}, {"landmark_count", "2"}};
        for (String[] kv : bad) {
            assertThatThrownBy(() -> EngineConfig.defaults().with(kv[0], kv[1]))
                    .as(kv[0] + "=" + kv[1])
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.column()).isEqualTo(kv[0]));
        }
        assertThatThrownBy(() -> EngineConfig.defaults().with("colour", "red")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void defaults_are_the_config_data_column_defaults() {
        EngineConfig d = EngineConfig.defaults();
        assertThat(d.gamma0()).isEqualTo(1e-7);
        assertThat(d.optimizer()).isEqualTo("adam");
        assertThat(d.alpha()).isEqualTo(0.1);
        assertThat(d.imax()).isEqualTo(1000);
        assertThat(d.lowdim()).isEqualTo(2);
        assertThat(d.eta()).isEqualTo(0.5);
        assertThat(d.epsilon()).isEqualTo(1e-8);
        assertThat(d.beta1()).isEqualTo(0.9);
        assertThat(d.beta2()).isEqualTo(0.999);
        assertThat(d.beta()).isEqualTo(0.5);
        assertThat(d.a()).isEqualTo(0.8);
        assertThat(d.w1()).isEqualTo(0.04);
        assertThat(d.w2()).isEqualTo(1.0);
        assertThat(d.whichW1()).isEqualTo("auto");
        assertThat(d.mode()).isEqualTo("kanadaSan");
        assertThat(d.paramMode()).isEqualTo(0.3);
        assertThat(d.endMeta()).isEqualTo("participant");
        assertThat(d.startDim()).isEqualTo("f_0");
        assertThat(d.endDim()).isEqualTo("f_1023");
        assertThat(d.featureScaling()).isEqualTo("standard");
        assertThat(d.detectionMethod()).isEqualTo("hybrid");
        assertThat(EngineConfig.fromMap(d.toMap())).isEqualTo(d);
    }

    @Test
    void a_fixed_kernel_width_is_used_as_configured() {
        EmbeddingResult r = engine.embed(SharedData.baseline(), EngineConfig.defaults().with("which_w1", "fixed")
                .with("w1", "0.2").with("imax", "20"), 1);
        assertThat(r.w1()).isEqualTo(0.2);
    }

    @Test
    void rejects_bad_scoring_overrides() {
        assertThatThrownBy(() -> new ScoringOptions(null, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ScoringOptions(-1.0, 1)).isInstanceOf(InvalidInputException.class);
    }
}
