package com.dinsight.engine;

import com.dinsight.engine.InvalidInputException.Reason;
import com.dinsight.engine.internal.ExactEmbedding;
import com.dinsight.engine.internal.Gram;
import com.dinsight.engine.internal.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The engine: {@link #embed} a baseline (section 1, or the landmark method of section 5 above
 * {@code landmark_threshold} rows), {@link #project} monitoring rows against it (section 2)
 * and {@link #monitor score} them (section 3).
 *
 * <p>Results depend only on the input, the configuration and the seed, never on the number of
 * threads. One engine owns a small pool of worker threads; close it when done. Embeddings on one
 * engine are serialised; placing and scoring are not (they only read the model), and share the
 * pool one data-parallel step at a time, a step of one task running on the caller's thread.
 */
public final class DInsightEngine implements AutoCloseable {

    public static final String EXACT = "exact";
    public static final String LANDMARK = "landmark";

    private static final int STATS_BLOCK = 64;
    private static final int PLACE_BLOCK = Projector.BLOCK;

    private final Parallel par;

    /** An engine using every available processor. */
    public DInsightEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public DInsightEngine(int threads) {
        this.par = new Parallel(threads);
    }

    public int threads() {
        return par.threads();
    }

    public EmbeddingResult embed(FeatureTable table, EngineConfig config, long seed) {
        return embed(table, config, seed, ProgressListener.NONE, Cancellation.NONE);
    }

    /**
     * Embeds the rows of {@code table} in 2D. Throws {@link InvalidInputException} for degenerate
     * input and {@link EmbeddingCancelledException} when {@code cancellation} says stop (checked
     * at least once per optimiser iteration).
     */
    public synchronized EmbeddingResult embed(FeatureTable table, EngineConfig cfg, long seed,
                                              ProgressListener listener, Cancellation cancellation) {
        long started = System.nanoTime();
        Progress progress = new Progress(listener);
        int n = table.rows();
        int mIn = table.features();
        if (n < 3) {
            throw new InvalidInputException(Reason.TOO_FEW_ROWS,
                    "the baseline needs at least 3 rows, it has " + n, table.source(), 0, null);
        }
        double[] raw = table.valuesRowMajor();
        double[] means = new double[mIn];
        double[] sds = new double[mIn];
        boolean[] constant = new boolean[mIn];
        statistics(raw, n, mIn, means, sds, constant);
        int[] kept = java.util.stream.IntStream.range(0, mIn).filter(c -> !constant[c]).toArray();
        if (kept.length == 0) {
            throw new InvalidInputException(Reason.IDENTICAL_ROWS, "all " + n
                    + " rows are identical: every feature is constant", table.source(), 0, null);
        }
        boolean standard = EngineConfig.STANDARD.equals(cfg.featureScaling());
        int[] used = standard ? kept : java.util.stream.IntStream.range(0, mIn).toArray();
        int d = used.length;
        boolean landmark = n > cfg.landmarkThreshold();
        int[] rows = landmark ? landmarks(n, Math.min(n, cfg.landmarkCount()), seed) : null;
        int l = landmark ? rows.length : n;

        // scaled embedded rows, then centred: the same arithmetic as Projector.transform
        double[] zeroCentre = new double[d];
        BaselineModel scaling = new BaselineModel(cfg, landmark ? LANDMARK : EXACT, seed, n, table.featureNameArray(),
                means, sds, kept, used, zeroCentre, 0, new double[0], new double[0], new double[0], 0, 0, 0, true,
                new double[2], new double[3], Double.NaN, 0);
        double[] z = new double[l * d];
        int blocks = (l + PLACE_BLOCK * 4 - 1) / (PLACE_BLOCK * 4);
        par.run(blocks, b -> {
            int to = Math.min(l, (b + 1) * PLACE_BLOCK * 4);
            for (int r = b * PLACE_BLOCK * 4; r < to; r++) {
                int src = landmark ? rows[r] : r;
                Projector.transform(scaling, raw, src * mIn, z, r * d);
            }
        });
        double[] centre = columnMeans(z, l, d);
        par.run(blocks, b -> {
            int to = Math.min(l, (b + 1) * PLACE_BLOCK * 4);
            for (int r = b * PLACE_BLOCK * 4; r < to; r++) {
                int off = r * d;
                for (int u = 0; u < d; u++) {
                    z[off + u] -= centre[u];
                }
            }
        });
        progress.at(0.01, "distances");
        double exactShare = landmark ? 0.5 : 0.97;
        ExactEmbedding.Outcome out = ExactEmbedding.run(z, l, d, cfg, seed, par,
                (f, stage) -> progress.at(0.01 + (exactShare - 0.01) * f, stage), cancellation);

        double[] refNorms = Gram.norms(z, l, d);
        BaselineModel refsOnly = new BaselineModel(cfg, landmark ? LANDMARK : EXACT, seed, n,
                table.featureNameArray(), means, sds, kept, used, centre, l, z, refNorms, out.points(), out.dmin(),
                out.dmax(), out.w1(), true, new double[2], new double[3], Double.NaN, 0);
        double[] points;
        if (landmark) {
            points = new double[2 * n];
            boolean[] isLandmark = new boolean[n];
            for (int r = 0; r < l; r++) {
                isLandmark[rows[r]] = true;
                points[2 * rows[r]] = out.points()[2 * r];
                points[2 * rows[r] + 1] = out.points()[2 * r + 1];
            }
            int tasks = (n + PLACE_BLOCK - 1) / PLACE_BLOCK;
            int batches = 40;
            for (int batch = 0; batch < batches; batch++) {
                int from = (int) ((long) tasks * batch / batches);
                int to = (int) ((long) tasks * (batch + 1) / batches);
                par.run(to - from, k -> placeBlock(refsOnly, raw, mIn, n, from + k, points, isLandmark));
                if (cancellation.isCancelled()) {
                    throw new EmbeddingCancelledException("the embedding was cancelled");
                }
                progress.at(0.5 + 0.47 * (batch + 1) / batches, "place");
            }
        } else {
            points = out.points();
        }

        // calibration (section 3.4) over every baseline row
        double[][] mc = Scorer.meanAndCovariance(points, n);
        boolean singular = Scorer.singular(mc[1]);
        double mdThreshold = Double.NaN;
        if (!singular) {
            double[] md = new double[n];
            for (int i = 0; i < n; i++) {
                md[i] = Scorer.mahalanobis(mc[0], mc[1], points[2 * i], points[2 * i + 1]);
            }
            mdThreshold = Math.max(Scorer.MIN_MD_THRESHOLD, Scorer.percentile99(md));
        }
        BaselineModel bare = refsOnly;
        double[] zmaxes = new double[n];
        par.run((n + 31) / 32, b -> {
            for (int r = b * 32; r < Math.min(n, (b + 1) * 32); r++) {
                zmaxes[r] = Scorer.zmax(bare, raw, r * mIn);
            }
        });
        double zThreshold = 0;
        for (double v : zmaxes) {
            zThreshold = Math.max(zThreshold, v);
        }
        BaselineModel model = new BaselineModel(cfg, landmark ? LANDMARK : EXACT, seed, n, table.featureNameArray(),
                means, sds, kept, used, centre, l, z, refNorms, out.points(), out.dmin(), out.dmax(), out.w1(),
                singular, mc[0], mc[1], mdThreshold, zThreshold);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points[2 * i];
            y[i] = points[2 * i + 1];
        }
        progress.at(1.0, "done");
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new EmbeddingResult(x, y, out.iterations(), out.startCost(), out.finalCost(), out.converged(),
                out.dmin(), out.dmax(), out.w1(), seed, model.method, l, cfg.featureScaling(), kept.length,
                mIn - kept.length, millis, model);
    }

    /** Places monitoring rows against the baseline (section 2). */
    public Projection project(FeatureTable rows, BaselineModel model) {
        checkColumns(rows, model);
        double[] pts = placeAll(rows.valuesRowMajor(), rows.rows(), rows.features(), model);
        double[] x = new double[rows.rows()];
        double[] y = new double[rows.rows()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts[2 * i];
            y[i] = pts[2 * i + 1];
        }
        return new Projection(x, y);
    }

    /** Places and scores monitoring rows, and summarises them against the baseline (sections 2 and 3). */
    public MonitoringReport monitor(FeatureTable rows, BaselineModel model, ScoringOptions options) {
        checkColumns(rows, model);
        if (model.singular) {
            throw new InvalidInputException(Reason.SINGULAR_COVARIANCE,
                    "the baseline points' covariance is singular: Mahalanobis distances are undefined");
        }
        int n = rows.rows();
        int m = rows.features();
        double[] raw = rows.valuesRowMajor();
        double[] pts = placeAll(raw, n, m, model);
        RowScore[] scores = new RowScore[n];
        par.run((n + 255) / 256, b -> {
            for (int r = b * 256; r < Math.min(n, (b + 1) * 256); r++) {
                scores[r] = Scorer.score(model, options, pts[2 * r], pts[2 * r + 1], raw, r * m);
            }
        });
        List<RowScore> list = List.of(scores);
        return new MonitoringReport(list, Scorer.summarise(model, options, list));
    }

    /**
     * Scores one already placed row: its 2D point and its raw feature values in the baseline's
     * feature order (section 3).
     */
    public static RowScore score(BaselineModel model, ScoringOptions options, double x, double y, double[] raw) {
        if (raw.length != model.featureNames.length) {
            throw new InvalidInputException(Reason.COLUMN_MISMATCH, "the row has " + raw.length
                    + " feature values, the baseline has " + model.featureNames.length);
        }
        return Scorer.score(model, options, x, y, raw, 0);
    }

    /** The comparison summary of scored rows against their baseline (section 3.7). */
    public static ComparisonSummary summarise(BaselineModel model, ScoringOptions options, List<RowScore> rows) {
        return Scorer.summarise(model, options, rows);
    }

    private double[] placeAll(double[] raw, int n, int m, BaselineModel model) {
        double[] pts = new double[2 * n];
        par.run((n + PLACE_BLOCK - 1) / PLACE_BLOCK, t -> placeBlock(model, raw, m, n, t, pts, null));
        return pts;
    }

    /** Places block {@code t} of the {@code n} rows, with buffers for just its rows (one for a lone row). */
    private static void placeBlock(BaselineModel model, double[] raw, int width, int n, int t, double[] out,
                                   boolean[] skip) {
        int from = t * PLACE_BLOCK;
        int to = Math.min(n, from + PLACE_BLOCK);
        new Projector(model, to - from).place(raw, width, from, to, out, skip);
    }

    /** Monitoring rows must have the baseline's feature columns: same names, same order. */
    static void checkColumns(FeatureTable rows, BaselineModel model) {
        String[] want = model.featureNames;
        String[] got = rows.featureNameArray();
        int common = Math.min(want.length, got.length);
        for (int c = 0; c < common; c++) {
            if (!want[c].equals(got[c])) {
                throw new InvalidInputException(Reason.COLUMN_MISMATCH, "feature column " + (c + 1) + " is '" + got[c]
                        + "' but the baseline has '" + want[c] + "' there", rows.source(), 1, got[c]);
            }
        }
        if (got.length < want.length) {
            throw new InvalidInputException(Reason.COLUMN_MISMATCH, "the baseline's feature column '" + want[common]
                    + "' is missing (" + got.length + " of " + want.length + " feature columns)", rows.source(), 1,
                    want[common]);
        }
        if (got.length > want.length) {
            throw new InvalidInputException(Reason.COLUMN_MISMATCH, "feature column '" + got[common]
                    + "' is not in the baseline (" + got.length + " feature columns, the baseline has "
                    + want.length + ")", rows.source(), 1, got[common]);
        }
    }

    /** Per-feature mean, sample standard deviation (N-1) and constancy, by column blocks. */
    private void statistics(double[] raw, int n, int m, double[] means, double[] sds, boolean[] constant) {
        int blocks = (m + STATS_BLOCK - 1) / STATS_BLOCK;
        par.run(blocks, b -> {
            int c0 = b * STATS_BLOCK;
            int c1 = Math.min(m, c0 + STATS_BLOCK);
            int w = c1 - c0;
            double[] sum = new double[w];
            double[] lo = new double[w];
            double[] hi = new double[w];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (int r = 0; r < n; r++) {
                int off = r * m + c0;
                for (int c = 0; c < w; c++) {
                    double v = raw[off + c];
                    sum[c] += v;
                    lo[c] = Math.min(lo[c], v);
                    hi[c] = Math.max(hi[c], v);
                }
            }
            double[] mean = new double[w];
            for (int c = 0; c < w; c++) {
                mean[c] = sum[c] / n;
            }
            double[] ss = new double[w];
            for (int r = 0; r < n; r++) {
                int off = r * m + c0;
                for (int c = 0; c < w; c++) {
                    double dv = raw[off + c] - mean[c];
                    ss[c] += dv * dv;
                }
            }
            for (int c = 0; c < w; c++) {
                means[c0 + c] = mean[c];
                constant[c0 + c] = lo[c] == hi[c];
                sds[c0 + c] = constant[c0 + c] ? 0 : Math.sqrt(ss[c] / (n - 1));
            }
        });
    }

    private double[] columnMeans(double[] z, int n, int d) {
        double[] centre = new double[d];
        int blocks = (d + STATS_BLOCK - 1) / STATS_BLOCK;
        par.run(blocks, b -> {
            int c0 = b * STATS_BLOCK;
            int c1 = Math.min(d, c0 + STATS_BLOCK);
            for (int r = 0; r < n; r++) {
                int off = r * d;
                for (int c = c0; c < c1; c++) {
                    centre[c] += z[off + c];
                }
            }
            for (int c = c0; c < c1; c++) {
                centre[c] /= n;
            }
        });
        return centre;
    }

    /** L distinct rows chosen uniformly by the seed, in ascending order. */
    static int[] landmarks(int n, int count, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, count);
        Arrays.sort(out);
        return out;
    }

    @Override
    public void close() {
        par.close();
    }

    /** Monotone, throttled progress on the calling thread. */
    private static final class Progress {
        private final ProgressListener listener;
        private double last = -1;
        private String lastStage = "";

        Progress(ProgressListener listener) {
            this.listener = listener == null ? ProgressListener.NONE : listener;
        }

        void at(double fraction, String stage) {
            double f = Math.min(1, Math.max(fraction, Math.max(last, 0)));
            if (f >= 1 || f - last >= 0.01 || !stage.equals(lastStage)) {
                last = f;
                lastStage = stage;
                listener.onProgress(f, stage);
            }
        }
    }
}
