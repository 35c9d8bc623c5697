package com.dinsight.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The two leading eigenpairs of a symmetric matrix given as a diagonal plus packed pairs,
 * by Lanczos with full reorthogonalisation. Deterministic: the start vector comes from a
 * fixed generator and the matrix-vector product sums per-chunk parts in chunk order.
 */
public final class TopEigen {

    private TopEigen() {
    }

    /** Result: values[0] >= values[1] (clamped at 0) and unit vectors. */
    public record Pairs(double[] values, double[][] vectors) {
    }

    public static Pairs leadingTwo(double[] diag, double[] packed, PairChunks layout, Parallel par) {
        int n = layout.n;
        int maxSteps = Math.min(n, 300);
        double[][] buffers = new double[layout.chunks()][n];
        List<double[]> q = new ArrayList<>();
        List<Double> alpha = new ArrayList<>();
        List<Double> beta = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(0x5DEECE66DL);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        scale(v, 1 / norm(v));
        double[] w = new double[n];
        double[][] ritz = null;
        double[] ritzValues = null;
        for (int k = 0; k < maxSteps; k++) {
            q.add(v);
            multiply(diag, packed, layout, par, buffers, v, w);
            double a = dotp(w, v);
            alpha.add(a);
            // full reorthogonalisation, twice
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qi : q) {
                    double c = dotp(w, qi);
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * qi[i];
                    }
                }
            }
            double b = norm(w);
            int steps = k + 1;
            boolean last = steps == maxSteps || b <= 1e-12 * Math.abs(alpha.get(0)) || b == 0;
            if (last || (steps >= 4 && steps % 4 == 0)) {
                double[] main = new double[steps];
                double[] off = new double[steps - 1];
                for (int i = 0; i < steps; i++) {
                    main[i] = alpha.get(i);
                }
                for (int i = 0; i < steps - 1; i++) {
                    off[i] = beta.get(i);
                }
                double[][] s = tridiagonalTop(main, off);
                ritzValues = s[0];
                ritz = new double[][] {s[1], s[2]};
                double lead = Math.max(Math.abs(ritzValues[0]), 1e-300);
                boolean done = true;
                for (int r = 0; r < Math.min(2, steps); r++) {
                    if (Math.abs(b * ritz[r][steps - 1]) > 1e-9 * lead) {
                        done = false;
                    }
                }
                if (done || last) {
                    break;
                }
            }
            beta.add(b);
            double[] nv = new double[n];
            for (int i = 0; i < n; i++) {
                nv[i] = w[i] / b;
            }
            v = nv;
        }
        int steps = q.size();
        double[][] vectors = new double[2][n];
        double[] values = new double[2];
        for (int r = 0; r < 2; r++) {
            if (r >= steps) {
                break;
            }
            values[r] = Math.max(0, ritzValues[r]);
            for (int s = 0; s < steps; s++) {
                double c = ritz[r][s];
                double[] qs = q.get(s);
                for (int i = 0; i < n; i++) {
                    vectors[r][i] += c * qs[i];
                }
            }
            double len = norm(vectors[r]);
            if (len > 0) {
                scale(vectors[r], 1 / len);
            }
        }
        return new Pairs(values, vectors);
    }

    /** {values (top 2, descending), vector of the largest, vector of the second}. */
    private static double[][] tridiagonalTop(double[] main, double[] off) {
        int k = main.length;
        if (k == 1) {
            return new double[][] {{main[0], 0}, {1}, {0}};
        }
        EigenDecomposition ed = new EigenDecomposition(main, off);
        double[] ev = ed.getRealEigenvalues();
        int first = -1;
        int second = -1;
        for (int i = 0; i < ev.length; i++) {
            if (first < 0 || ev[i] > ev[first]) {
                second = first;
                first = i;
            } else if (second < 0 || ev[i] > ev[second]) {
                second = i;
            }
        }
        return new double[][] {{ev[first], ev[second]}, ed.getEigenvector(first).toArray(),
            ed.getEigenvector(second).toArray()};
    }

    /** out = A v, with A = diag + packed symmetric off-diagonal part. */
    static void multiply(double[] diag, double[] packed, PairChunks layout, Parallel par, double[][] buffers,
                         double[] v, double[] out) {
        int n = layout.n;
        par.run(layout.chunks(), c -> {
            double[] buf = buffers[c];
            int r0 = layout.start[c];
            java.util.Arrays.fill(buf, r0, n, 0.0);
            for (int i = r0; i < layout.start[c + 1]; i++) {
                int k = (int) layout.offset(i);
                double vi = v[i];
                double s = 0;
                for (int j = i + 1; j < n; j++, k++) {
                    double a = packed[k];
                    s = Math.fma(a, v[j], s);
                    buf[j] = Math.fma(a, vi, buf[j]);
                }
                buf[i] += s;
            }
        });
        for (int i = 0; i < n; i++) {
            double s = diag[i] * v[i];
            for (int c = 0; c < buffers.length && layout.start[c] <= i; c++) {
                s += buffers[c][i];
            }
            out[i] = s;
        }
    }

    private static double dotp(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dotp(a, a));
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
