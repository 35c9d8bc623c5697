package com.dinsight.engine.bench;

import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.EmbeddingResult;
import com.dinsight.engine.EngineConfig;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.MonitoringReport;
import com.dinsight.engine.ScoringOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Benchmarks of bench/engine.sh (not a test). Usage: EngineBench DATA_DIR CASE..., cases:
 * small (219 rows), medium (2,000 rows), monitor (20,000 rows against 219), single (one monitoring
 * row per call, as streaming clients post them), trust (4,000 rows,
 * exact against landmark), large (50,000 rows, landmark). Prints one line per case.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        EngineConfig cfg = EngineConfig.defaults();
        FeatureTable base = FeatureTableReader.read(data.resolve("test-baseline.csv"), cfg);
        FeatureTable mon = FeatureTableReader.read(data.resolve("test-monitoring.csv"), cfg);
        int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
        try (DInsightEngine engine = new DInsightEngine(threads)) {
            for (int a = 1; a < args.length; a++) {
                switch (args[a]) {
                    case "small" -> embedCase(engine, base, cfg, 30, 15);
                    case "medium" -> medium(engine, synthetic(base, mon, 2000, 1), cfg);
                    case "monitor" -> monitorCase(engine, base, synthetic(mon, mon, 20_000, 2), cfg);
                    case "single" -> singleRowCase(engine, base, mon, cfg);
                    case "trust" -> trust(engine, synthetic(base, mon, 4000, 3), cfg);
                    case "large" -> embedCase(engine, synthetic(base, mon, 50_000, 4), cfg, 0, 1);
                    default -> throw new IllegalArgumentException("unknown case " + args[a]);
                }
            }
        }
    }

    /**
     * n rows made from the shared rows: row i is shared row i mod 438 with every feature
     * multiplied by (1 + 0.1 g) and shifted by 0.1 sd g, g standard normal from Random(seed, i).
     */
    static FeatureTable synthetic(FeatureTable a, FeatureTable b, int n, long seed) {
        int m = a.features();
        double[] sd = new double[m];
        for (int c = 0; c < m; c++) {
            double s = 0;
            double ss = 0;
            for (int r = 0; r < a.rows(); r++) {
                s += a.value(r, c);
                ss += a.value(r, c) * a.value(r, c);
            }
            double mean = s / a.rows();
            sd[c] = Math.sqrt(Math.max(0, ss / a.rows() - mean * mean));
        }
        double[] v = new double[n * m];
        Random rnd = new Random(seed);
        int pool = a.rows() + b.rows();
        for (int i = 0; i < n; i++) {
            int src = i % pool;
            FeatureTable t = src < a.rows() ? a : b;
            int r = src < a.rows() ? src : src - a.rows();
            for (int c = 0; c < m; c++) {
                v[i * m + c] = t.value(r, c) * (1 + 0.1 * rnd.nextGaussian()) + 0.1 * sd[c] * rnd.nextGaussian();
            }
        }
        return FeatureTable.of("synthetic-" + n, a.featureNames().toArray(String[]::new), v);
    }

    private static void resetPeak() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void line(int rows, int features, String method, int iterations, double ms, long heap,
                             String extra) {
        System.out.printf("rows=%d features=%d method=%s iterations=%d median_ms=%.1f peak_heap_mb=%d%s%n", rows,
                features, method, iterations, ms, heap, extra.isEmpty() ? "" : " " + extra);
    }

    static void embedCase(DInsightEngine engine, FeatureTable t, EngineConfig cfg, int warm, int runs) {
        for (int i = 0; i < warm; i++) {
            engine.embed(t, cfg, i);
        }
        resetPeak();
        double[] ms = new double[runs];
        EmbeddingResult r = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r = engine.embed(t, cfg, 42);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        line(t.rows(), t.features(), r.method(), r.iterations(), median(ms), peakHeapMb(),
                String.format("final_cost=%.5f start_cost=%.5f", r.finalCost(), r.startCost()));
    }

    static void medium(DInsightEngine engine, FeatureTable t, EngineConfig cfg) {
        EngineConfig setupOnly = cfg.with("imax", "1");
        EngineConfig hundred = cfg.with("imax", "101").with("gamma0", "0");
        for (int i = 0; i < 2; i++) {
            engine.embed(t, setupOnly, i);
            engine.embed(t, hundred, i);
        }
        resetPeak();
        double[] setup = new double[5];
        double[] perIteration = new double[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            engine.embed(t, setupOnly, 42);
            long t1 = System.nanoTime();
            engine.embed(t, hundred, 42);
            long t2 = System.nanoTime();
            setup[i] = (t1 - t0) / 1e6;
            perIteration[i] = ((t2 - t1) - (t1 - t0)) / 1e6 / 100;
        }
        long t0 = System.nanoTime();
        EmbeddingResult full = engine.embed(t, cfg, 42);
        double fullMs = (System.nanoTime() - t0) / 1e6;
        line(t.rows(), t.features(), full.method(), full.iterations(), fullMs, peakHeapMb(),
                String.format("setup_median_ms=%.1f ms_per_iteration=%.2f", median(setup), median(perIteration)));
    }

    static void monitorCase(DInsightEngine engine, FeatureTable base, FeatureTable rows, EngineConfig cfg) {
        EmbeddingResult r = engine.embed(base, cfg, 42);
        for (int i = 0; i < 3; i++) {
            engine.monitor(rows, r.model(), ScoringOptions.DEFAULT);
        }
        resetPeak();
        double[] ms = new double[5];
        MonitoringReport rep = null;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            rep = engine.monitor(rows, r.model(), ScoringOptions.DEFAULT);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double med = median(ms);
        line(rows.rows(), rows.features(), "monitor", 0, med, peakHeapMb(),
                String.format("rows_per_second=%.0f baseline_rows=%d anomaly_percentage=%.2f", rows.rows() / med * 1000,
                        base.rows(), rep.summary().anomalyPercentage()));
    }

    /** One monitoring row per call, as a streaming client posts them: median microseconds per call. */
    static void singleRowCase(DInsightEngine engine, FeatureTable base, FeatureTable mon, EngineConfig cfg) {
        EmbeddingResult r = engine.embed(base, cfg, 42);
        FeatureTable[] rows = new FeatureTable[mon.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = mon.slice(i, i + 1);
        }
        for (int i = 0; i < 20_000; i++) {
            engine.monitor(rows[i % rows.length], r.model(), ScoringOptions.DEFAULT);
        }
        resetPeak();
        double[] us = new double[9];
        int calls = 5_000;
        for (int i = 0; i < us.length; i++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                engine.monitor(rows[k % rows.length], r.model(), ScoringOptions.DEFAULT);
            }
            us[i] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        line(1, mon.features(), "monitor-one-row", 0, median(us) / 1000, peakHeapMb(),
                String.format("us_per_row=%.1f calls_per_round=%d rounds=%d", median(us), calls, us.length));
    }

    static void trust(DInsightEngine engine, FeatureTable t, EngineConfig cfg) {
        EngineConfig exactCfg = cfg.with("landmark_threshold", "10000");
        EngineConfig landmarkCfg = cfg.with("landmark_threshold", "3000");
        resetPeak();
        long t0 = System.nanoTime();
        EmbeddingResult exact = engine.embed(t, exactCfg, 42);
        double exactMs = (System.nanoTime() - t0) / 1e6;
        long exactHeap = peakHeapMb();
        resetPeak();
        t0 = System.nanoTime();
        EmbeddingResult landmark = engine.embed(t, landmarkCfg, 42);
        double landmarkMs = (System.nanoTime() - t0) / 1e6;
        long landmarkHeap = peakHeapMb();
        double[] z = standardised(t);
        double tExact = Trust.trustworthiness(z, t.rows(), z.length / t.rows(), exact.x(), exact.y(), 10);
        double tLandmark = Trust.trustworthiness(z, t.rows(), z.length / t.rows(), landmark.x(), landmark.y(), 10);
        line(t.rows(), t.features(), exact.method(), exact.iterations(), exactMs, exactHeap,
                String.format("trustworthiness_k10=%.4f", tExact));
        line(t.rows(), t.features(), landmark.method(), landmark.iterations(), landmarkMs, landmarkHeap,
                String.format("trustworthiness_k10=%.4f landmarks=%d", tLandmark, landmark.landmarks()));
    }

    static double[] standardised(FeatureTable t) {
        int n = t.rows();
        int m = t.features();
        double[] v = t.valuesRowMajor();
        double[] mean = new double[m];
        double[] sd = new double[m];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < m; c++) {
                mean[c] += v[r * m + c];
            }
        }
        for (int c = 0; c < m; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < m; c++) {
                sd[c] += Math.pow(v[r * m + c] - mean[c], 2);
            }
        }
        int kept = 0;
        for (int c = 0; c < m; c++) {
            sd[c] = Math.sqrt(sd[c] / (n - 1));
            kept += sd[c] > 0 ? 1 : 0;
        }
        double[] z = new double[n * kept];
        for (int r = 0; r < n; r++) {
            int k = 0;
            for (int c = 0; c < m; c++) {
                if (sd[c] > 0) {
                    z[r * kept + k++] = (v[r * m + c] - mean[c]) / sd[c];
                }
            }
        }
        return z;
    }
}
