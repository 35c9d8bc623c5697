package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sections 2 to 4 on shared/data: self-consistency, anomaly rate, injected faults. */
class MonitoringOnSharedDataTest {

    private static DInsightEngine engine;
    private static EmbeddingResult standard;

    @BeforeAll
    static void embed() {
        engine = new DInsightEngine(2);
        standard = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 42);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** test-monitoring with f_10..f_59 of every row multiplied by 5. */
    static FeatureTable faulty() {
        FeatureTable mon = SharedData.monitoring();
        double[] v = mon.valuesRowMajor().clone();
        int m = mon.features();
        int f10 = mon.featureNames().indexOf("f_10");
        int f59 = mon.featureNames().indexOf("f_59");
        for (int r = 0; r < mon.rows(); r++) {
            for (int c = f10; c <= f59; c++) {
                v[r * m + c] *= 5;
            }
        }
        return mon.withValues(v);
    }

    static boolean inFaultRange(String name) {
        int k = Integer.parseInt(name.substring(2));
        return k >= 10 && k <= 59;
    }

    @Test
    void a_row_scores_the_same_posted_alone_or_in_a_batch_at_any_position() {
        FeatureTable mon = SharedData.monitoring();
        MonitoringReport batch = engine.monitor(mon, standard.model(), ScoringOptions.DEFAULT);
        // odd and even positions in a batch, and the last row of a block, against the row alone
        for (int r : new int[] {0, 1, 2, 15, 16, 17, mon.rows() - 1}) {
            RowScore alone = engine.monitor(mon.slice(r, r + 1), standard.model(), ScoringOptions.DEFAULT).rows().get(0);
            RowScore inBatch = batch.rows().get(r);
            assertThat(alone.x()).as("x of row %d", r).isEqualTo(inBatch.x());
            assertThat(alone.y()).as("y of row %d", r).isEqualTo(inBatch.y());
            assertThat(alone.mahalanobisDistance()).as("distance of row %d", r).isEqualTo(inBatch.mahalanobisDistance());
        }
    }

    @Test
    void one_engine_scores_lone_rows_and_files_from_many_threads_at_once_exactly_as_one_at_a_time() throws Exception {
        FeatureTable mon = SharedData.monitoring();
        MonitoringReport expected = engine.monitor(mon, standard.model(), ScoringOptions.DEFAULT);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<RowScore>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean files = t % 3 == 0;
                runs.add(pool.submit(() -> {
                    List<RowScore> rows = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        if (files) {
                            rows = engine.monitor(mon, standard.model(), ScoringOptions.DEFAULT).rows();
                        } else {
                            rows = new ArrayList<>();
                            for (int r = 0; r < mon.rows(); r++) {
                                rows.add(engine.monitor(mon.slice(r, r + 1), standard.model(), ScoringOptions.DEFAULT).rows().get(0));
                            }
                        }
                    }
                    return rows;
                }));
            }
            for (Future<List<RowScore>> run : runs) {
                List<RowScore> rows = run.get(2, TimeUnit.MINUTES);
                assertThat(rows).hasSize(mon.rows());
                for (int r = 0; r < mon.rows(); r++) {
                    assertThat(rows.get(r).x()).as("x of row %d", r).isEqualTo(expected.rows().get(r).x());
                    assertThat(rows.get(r).y()).as("y of row %d", r).isEqualTo(expected.rows().get(r).y());
                    assertThat(rows.get(r).mahalanobisDistance()).isEqualTo(expected.rows().get(r).mahalanobisDistance());
                    assertThat(rows.get(r).severity()).isEqualTo(expected.rows().get(r).severity());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void projecting_the_baseline_rows_puts_each_near_its_own_point() {
        for (EngineConfig cfg : new EngineConfig[] {EngineConfig.defaults(),
            EngineConfig.defaults().with("detection_method", "mahalanobis")}) {
            EmbeddingResult r = engine.embed(SharedData.baseline(), cfg, 42);
            Projection p = engine.project(SharedData.baseline(), r.model());
            int n = r.x().length;
            double mx = Arrays.stream(r.x()).average().orElseThrow();
            double my = Arrays.stream(r.y()).average().orElseThrow();
            double spread = 0;
            for (int i = 0; i < n; i++) {
                spread += Math.pow(r.x()[i] - mx, 2) + Math.pow(r.y()[i] - my, 2);
            }
            spread = Math.sqrt(spread / n);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = Math.hypot(p.x()[i] - r.x()[i], p.y()[i] - r.y()[i]) / spread;
            }
            Arrays.sort(d);
            assertThat(d[n / 2]).as("median for %s", cfg.detectionMethod()).isLessThanOrEqualTo(0.01);
            assertThat(percentile(d, 0.95)).as("95th percentile for %s", cfg.detectionMethod()).isLessThanOrEqualTo(0.05);
        }
    }

    private static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void projecting_the_same_row_twice_gives_the_same_point_whatever_comes_before() {
        FeatureTable mon = SharedData.monitoring();
        Projection all = engine.project(mon, standard.model());
        Projection last = engine.project(mon.slice(mon.rows() - 3, mon.rows()), standard.model());
        assertThat(last.x()[2]).isEqualTo(all.x()[mon.rows() - 1]);
        assertThat(last.y()[2]).isEqualTo(all.y()[mon.rows() - 1]);
    }

    @Test
    void at_most_two_percent_of_test_monitoring_is_anomalous() {
        MonitoringReport report = engine.monitor(SharedData.monitoring(), standard.model(), ScoringOptions.DEFAULT);
        assertThat(report.rows()).hasSize(SharedData.monitoring().rows());
        assertThat(report.summary().anomalyPercentage()).isLessThanOrEqualTo(2.0);
        assertThat(report.summary().totalPoints()).isEqualTo(SharedData.monitoring().rows());
    }

    @Test
    void faults_in_f10_to_f59_make_at_least_80_percent_anomalous_with_those_features_contributing() {
        MonitoringReport report = engine.monitor(faulty(), standard.model(), ScoringOptions.DEFAULT);
        assertThat(report.summary().anomalyPercentage()).isGreaterThanOrEqualTo(80.0);
        long caught = 0;
        for (RowScore row : report.rows()) {
            assertThat(row.contributing()).hasSize(5);
            long inside = row.contributing().stream().filter(f -> inFaultRange(f.name())).count();
            if (row.anomalous() && inside >= 3) {
                caught++;
            }
        }
        // the rows making up the 80% each have at least 3 of their 5 contributors inside f_10..f_59
        assertThat(caught).isGreaterThanOrEqualTo((long) Math.ceil(0.8 * report.rows().size()));
    }

    @Test
    void mahalanobis_detection_uses_only_the_distance_test() {
        EngineConfig cfg = EngineConfig.defaults().with("detection_method", "mahalanobis");
        EmbeddingResult r = engine.embed(SharedData.baseline(), cfg, 42);
        MonitoringReport normal = engine.monitor(SharedData.monitoring(), r.model(), ScoringOptions.DEFAULT);
        assertThat(normal.summary().anomalyPercentage()).isLessThanOrEqualTo(2.0);
        MonitoringReport faults = engine.monitor(faulty(), r.model(), ScoringOptions.DEFAULT);
        for (RowScore row : faults.rows()) {
            assertThat(row.anomalous()).isEqualTo(row.mahalanobisDistance() > row.mdThreshold());
        }
        MonitoringReport hybrid = engine.monitor(faulty(), standard.model(), ScoringOptions.DEFAULT);
        assertThat(hybrid.summary().anomalyCount()).isGreaterThanOrEqualTo(faults.summary().anomalyCount());
    }

    @Test
    void hybrid_detection_flags_a_row_over_either_threshold_and_grades_severity_by_the_larger_ratio() {
        MonitoringReport report = engine.monitor(faulty(), standard.model(), ScoringOptions.DEFAULT);
        for (RowScore row : report.rows()) {
            double ratio = Math.max(row.mahalanobisDistance() / row.mdThreshold(), row.zmax() / row.zThreshold());
            assertThat(row.anomalous()).isEqualTo(ratio > 1);
            assertThat(row.severity()).isEqualTo(Severity.of(ratio));
        }
        assertThat(report.rows()).anyMatch(r -> r.severity() == Severity.CRITICAL);
    }

    @Test
    void unscaled_baselines_still_catch_the_faults_through_zmax() {
        EmbeddingResult raw = engine.embed(SharedData.baseline(), EngineConfig.defaults().with("feature_scaling", "none"), 42);
        assertThat(engine.monitor(SharedData.monitoring(), raw.model(), ScoringOptions.DEFAULT).summary()
                .anomalyPercentage()).isLessThanOrEqualTo(2.0);
        assertThat(engine.monitor(faulty(), raw.model(), ScoringOptions.DEFAULT).summary().anomalyPercentage())
                .isGreaterThanOrEqualTo(80.0);
    }

    @Test
    void a_baseline_row_monitored_is_never_over_the_z_threshold_it_set() {
        MonitoringReport report = engine.monitor(SharedData.baseline(), standard.model(), ScoringOptions.DEFAULT);
        assertThat(report.rows()).allMatch(r -> r.zmax() <= r.zThreshold());
    }

    @Test
    void the_calibrated_threshold_is_the_99th_percentile_of_baseline_distances_but_at_least_3_0349() {
        BaselineModel m = standard.model();
        int n = standard.x().length;
        double[] md = new double[n];
        for (int i = 0; i < n; i++) {
            md[i] = DInsightEngine.score(m, ScoringOptions.DEFAULT, standard.x()[i], standard.y()[i],
                    SharedData.baseline().row(i)).mahalanobisDistance();
        }
        Arrays.sort(md);
        assertThat(m.mdThreshold()).isEqualTo(Math.max(3.0349, percentile(md, 0.99)));
        double meanMd = Arrays.stream(md).map(v -> v * v).average().orElseThrow();
        assertThat(meanMd).isCloseTo(2.0 * (n - 1) / n, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sensitivity_and_threshold_overrides_change_the_thresholds() {
        MonitoringReport base = engine.monitor(SharedData.monitoring(), standard.model(), ScoringOptions.DEFAULT);
        MonitoringReport sensitive = engine.monitor(SharedData.monitoring(), standard.model(), new ScoringOptions(null, 4.0));
        MonitoringReport fixed = engine.monitor(SharedData.monitoring(), standard.model(), new ScoringOptions(0.5, 1.0));
        assertThat(sensitive.summary().threshold()).isEqualTo(base.summary().threshold() / 4);
        assertThat(sensitive.summary().zThreshold()).isEqualTo(base.summary().zThreshold() / 4);
        assertThat(sensitive.summary().anomalyCount()).isGreaterThan(base.summary().anomalyCount());
        assertThat(fixed.summary().threshold()).isEqualTo(0.5);
        assertThat(fixed.summary().anomalyCount()).isGreaterThan(base.summary().anomalyCount());
    }

    @Test
    void the_summary_reports_counts_distances_and_the_centroid_shift() {
        MonitoringReport report = engine.monitor(faulty(), standard.model(), ScoringOptions.DEFAULT);
        ComparisonSummary s = report.summary();
        double[] md = report.rows().stream().mapToDouble(RowScore::mahalanobisDistance).toArray();
        double mean = Arrays.stream(md).average().orElseThrow();
        assertThat(s.meanDistance()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.maxDistance()).isEqualTo(Arrays.stream(md).max().orElseThrow());
        assertThat(s.stdDistance()).isPositive();
        assertThat(s.anomalyCount()).isEqualTo((int) report.rows().stream().filter(RowScore::anomalous).count());
        double cx = report.rows().stream().mapToDouble(RowScore::x).average().orElseThrow();
        double cy = report.rows().stream().mapToDouble(RowScore::y).average().orElseThrow();
        double[] mu = standard.model().centroid();
        assertThat(s.centroidDistance()).isCloseTo(Math.hypot(cx - mu[0], cy - mu[1]), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void contributing_features_are_the_five_largest_absolute_z_scores() {
        RowScore row = engine.monitor(faulty().slice(0, 1), standard.model(), ScoringOptions.DEFAULT).rows().get(0);
        BaselineModel m = standard.model();
        FeatureTable f = faulty();
        double fifth = Math.abs(row.contributing().get(4).z());
        for (int c = 0; c < f.features(); c++) {
            if (m.standardDeviation(c) > 0) {
                double z = (f.value(0, c) - m.mean(c)) / m.standardDeviation(c);
                String name = f.featureName(c);
                if (row.contributing().stream().noneMatch(cf -> cf.name().equals(name))) {
                    assertThat(Math.abs(z)).isLessThanOrEqualTo(fifth);
                }
            }
        }
        ContributingFeature top = row.contributing().get(0);
        int c = f.featureNames().indexOf(top.name());
        assertThat(top.value()).isEqualTo(f.value(0, c));
        assertThat(top.baselineMean()).isEqualTo(m.mean(c));
        assertThat(Math.abs(top.z())).isEqualTo(row.zmax());
    }
}
