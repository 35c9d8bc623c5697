package com.dinsight.engine.internal;

import com.dinsight.engine.Cancellation;
import com.dinsight.engine.EmbeddingCancelledException;
import com.dinsight.engine.EngineConfig;
import com.dinsight.engine.InvalidInputException;
import java.util.SplittableRandom;

/**
 * Section 1 of the contract on already scaled rows: distances, normalisation, kernel width,
 * targets, start positions, and the Adam or momentum-SGD descent on all pairs.
 */
public final class ExactEmbedding {

    /** What one run produced. Points are interleaved: x of row i at 2i, y at 2i + 1. */
    public record Outcome(double[] points, int iterations, double startCost, double finalCost, boolean converged,
                          double dmin, double dmax, double w1) {
    }

    /** Receives progress of this stage, 0..1. */
    public interface Progress {
        void at(double fraction, String stage);
    }

    private static final int CONVERGED_RUN = 5;

    private ExactEmbedding() {
    }

    /**
     * @param z centred scaled rows, n x m row-major; not modified
     */
    public static Outcome run(double[] z, int n, int m, EngineConfig cfg, long seed, Parallel par,
                              Progress progress, Cancellation cancel) {
        if (n < 3) {
            throw new InvalidInputException(InvalidInputException.Reason.TOO_FEW_ROWS,
                    "the baseline needs at least 3 rows, it has " + n);
        }
        PairChunks layout = new PairChunks(n);
        int chunks = layout.chunks();
        double[] packed = new double[(int) layout.pairs];
        double[] norms = Gram.norms(z, n, m);
        Gram.products(z, n, m, layout, packed, par, f -> progress.at(0.15 * f, "distances"));
        check(cancel);

        double[] points;
        SplittableRandom rnd = new SplittableRandom(seed);
        double pm = cfg.paramMode();
        if (EngineConfig.KANADA_SAN.equals(cfg.mode())) {
            points = pcaStart(z, n, m, norms, packed, layout, par);
            double big = 0;
            for (double p : points) {
                big = Math.max(big, Math.abs(p));
            }
            double f = big > 0 ? pm / big : 0;
            for (int i = 0; i < points.length; i++) {
                points[i] = points[i] * f + (2 * rnd.nextDouble() - 1) * 1e-3 * pm;
            }
        } else {
            points = new double[2 * n];
            for (int i = 0; i < points.length; i++) {
                points[i] = (2 * rnd.nextDouble() - 1) * pm;
            }
        }
        progress.at(0.18, "start");
        check(cancel);

        Gram.toDistances(z, m, norms, layout, packed, par);
        double[] mins = new double[chunks];
        double[] maxs = new double[chunks];
        par.run(chunks, c -> {
            int from = (int) layout.offset(layout.start[c]);
            int to = (int) layout.offset(layout.start[c + 1]);
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int k = from; k < to; k++) {
                double d = packed[k];
                if (d > 0 && d < lo) {
                    lo = d;
                }
                if (d > hi) {
                    hi = d;
                }
            }
            mins[c] = lo;
            maxs[c] = hi;
        });
        double dmin = Double.POSITIVE_INFINITY;
        double dmax = 0;
        for (int c = 0; c < chunks; c++) {
            dmin = Math.min(dmin, mins[c]);
            dmax = Math.max(dmax, maxs[c]);
        }
        if (dmax == 0) {
            throw new InvalidInputException(InvalidInputException.Reason.IDENTICAL_ROWS,
                    "all " + n + " rows are identical (over the features used): nothing to embed");
        }
        if (dmax == dmin) {
            throw new InvalidInputException(InvalidInputException.Reason.IDENTICAL_ROWS,
                    "all distinct rows are equally far apart (dmin = dmax = " + dmax + "): nothing to normalise");
        }
        double range = dmax - dmin;
        double fDmin = dmin;
        double[] sums = new double[chunks];
        par.run(chunks, c -> {
            int from = (int) layout.offset(layout.start[c]);
            int to = (int) layout.offset(layout.start[c + 1]);
            double s = 0;
            for (int k = from; k < to; k++) {
                double dn = Math.max(0, (packed[k] - fDmin) / range);
                packed[k] = dn;
                s += dn;
            }
            sums[c] = s;
        });
        double w1;
        if (cfg.autoW1()) {
            double s = 0;
            for (double v : sums) {
                s += v;
            }
            w1 = s / layout.pairs;
            if (!(w1 > 0)) {
                throw new InvalidInputException(InvalidInputException.Reason.IDENTICAL_ROWS,
                        "the mean normalised distance is 0: rows are all but identical");
            }
        } else {
            w1 = cfg.w1();
        }
        Kernel kernel = new Kernel(cfg.a(), w1, cfg.w2());
        par.run(chunks, c -> {
            int from = (int) layout.offset(layout.start[c]);
            int to = (int) layout.offset(layout.start[c + 1]);
            for (int k = from; k < to; k++) {
                packed[k] = kernel.f(packed[k]);
            }
        });
        progress.at(0.2, "start");
        check(cancel);

        CostGradient cg = new CostGradient(layout, packed, kernel, par);
        double[] grad = new double[2 * n];
        double c0 = cg.evaluate(points, grad);
        double prev = c0;
        double current = c0;
        int t = 0;
        int small = 0;
        boolean converged = false;
        double[] m1 = new double[2 * n];
        double[] m2 = new double[2 * n];
        boolean adam = EngineConfig.ADAM.equals(cfg.optimizer());
        double alpha = cfg.alpha();
        double b1 = cfg.beta1();
        double b2 = cfg.beta2();
        double eps = cfg.epsilon();
        double eta = cfg.eta();
        double b1t = 1;
        double b2t = 1;
        while (t < cfg.imax()) {
            t++;
            if (adam) {
                b1t *= b1;
                b2t *= b2;
                double c1 = 1 - b1t;
                double c2 = 1 - b2t;
                for (int i = 0; i < points.length; i++) {
                    double g = grad[i];
                    m1[i] = b1 * m1[i] + (1 - b1) * g;
                    m2[i] = b2 * m2[i] + (1 - b2) * g * g;
                    points[i] -= alpha * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + eps);
                }
            } else {
                for (int i = 0; i < points.length; i++) {
                    m1[i] = eta * m1[i] - alpha * grad[i];
                    points[i] += m1[i];
                }
            }
            current = cg.evaluate(points, grad);
            if (!Double.isFinite(current)) {
                throw new InvalidInputException(InvalidInputException.Reason.BAD_CONFIGURATION,
                        "the optimiser diverged at iteration " + t + " (cost " + current
                                + "); lower alpha or change the optimizer");
            }
            small = Math.abs(current - prev) < cfg.gamma0() ? small + 1 : 0;
            prev = current;
            if (small >= CONVERGED_RUN) {
                converged = true;
                break;
            }
            check(cancel);
            progress.at(0.2 + 0.8 * t / cfg.imax(), "optimise");
        }
        return new Outcome(points, t, c0, current, converged, dmin, dmax, w1);
    }

    private static void check(Cancellation cancel) {
        if (cancel.isCancelled()) {
            throw new EmbeddingCancelledException("the embedding was cancelled");
        }
    }

    /** First two principal component scores of the centred rows, signs fixed by the loadings. */
    static double[] pcaStart(double[] z, int n, int m, double[] norms, double[] gram, PairChunks layout,
                             Parallel par) {
        TopEigen.Pairs eig = TopEigen.leadingTwo(norms, gram, layout, par);
        double[] points = new double[2 * n];
        for (int r = 0; r < 2; r++) {
            double lambda = eig.values()[r];
            double[] u = eig.vectors()[r];
            if (lambda <= 0) {
                continue;
            }
            // loadings v = Z^T u / sqrt(lambda); only the sign of the largest-magnitude one matters
            double[] load = new double[m];
            for (int i = 0; i < n; i++) {
                double ui = u[i];
                int off = i * m;
                for (int k = 0; k < m; k++) {
                    load[k] = Math.fma(z[off + k], ui, load[k]);
                }
            }
            int best = 0;
            for (int k = 1; k < m; k++) {
                if (Math.abs(load[k]) > Math.abs(load[best])) {
                    best = k;
                }
            }
            double sign = load[best] < 0 ? -1 : 1;
            double s = Math.sqrt(lambda) * sign;
            for (int i = 0; i < n; i++) {
                points[2 * i + r] = s * u[i];
            }
        }
        return points;
    }
}
