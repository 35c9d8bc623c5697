package com.dinsight.engine;

import com.dinsight.engine.internal.FastExp;
import com.dinsight.engine.internal.Gram;
import com.dinsight.engine.internal.Kernel;
import com.dinsight.engine.internal.Lm2;

/**
 * Section 2: places raw rows against a model's reference rows, which stay fixed. Distances
 * come from the Gram form in 2 x 4 register blocks (recomputed from the difference where it
 * cancels), the placement from a Levenberg-Marquardt fit started at the nearest reference.
 * Not thread-safe (it reuses buffers): use one per thread.
 */
final class Projector implements Lm2.Problem {

    static final int BLOCK = 16;
    private static final double CANCELLATION = 1e-3;

    private final BaselineModel model;
    private final Kernel kernel;
    private final int d;
    private final double[] zc;
    private final double[] norms;
    private final double[] dots;
    private final double[] targets;
    private final Lm2 lm = new Lm2();
    private final double[] fit = new double[3];
    private final double negInvW1;
    private final double invW2;
    private final double ga;
    private final double gb;

    Projector(BaselineModel model) {
        this(model, BLOCK);
    }

    /** For at most {@code rows} rows per {@link #place} call: a lone monitoring row needs no block of 16. */
    Projector(BaselineModel model, int rows) {
        if (rows < 1 || rows > BLOCK) {
            throw new IllegalArgumentException("rows per call must be 1 to " + BLOCK + ", not " + rows);
        }
        this.model = model;
        this.kernel = new Kernel(model.config.a(), model.w1, model.config.w2());
        this.d = model.used.length;
        this.norms = new double[rows];
        this.zc = new double[rows * d];
        this.dots = new double[rows * model.refCount];
        this.targets = new double[model.refCount];
        this.negInvW1 = -1 / model.w1;
        this.invW2 = 1 / model.config.w2();
        this.ga = -2 * model.config.a() / model.w1;
        this.gb = -2 * (1 - model.config.a()) / model.config.w2();
    }

    /**
     * The scaled and centred form of a raw row (input feature order, starting at {@code off}),
     * written to {@code out} from {@code outOff}. Baseline rows and monitoring rows go through
     * this same code.
     */
    static void transform(BaselineModel m, double[] raw, int off, double[] out, int outOff) {
        int[] used = m.used;
        boolean standard = EngineConfig.STANDARD.equals(m.config.featureScaling());
        for (int u = 0; u < used.length; u++) {
            int c = used[u];
            double v = raw[off + c];
            if (standard) {
                v = (v - m.means[c]) / m.sds[c];
            }
            out[outOff + u] = v - m.centre[u];
        }
    }

    /**
     * Places rows {@code from..to-1} (at most the rows it was made for) of the raw row-major array with
     * {@code width} values per row; row r's x, y go to {@code out[2r], out[2r+1]}. Rows for
     * which {@code skip} is true are left alone.
     */
    void place(double[] raw, int width, int from, int to, double[] out, boolean[] skip) {
        BaselineModel m = model;
        int rows = to - from;
        int refs = m.refCount;
        for (int r = 0; r < rows; r++) {
            transform(m, raw, (from + r) * width, zc, r * d);
            norms[r] = Gram.dot(zc, r * d, zc, r * d, d);
        }
        dots(rows, refs);
        double range = m.dmax - m.dmin;
        for (int r = 0; r < rows; r++) {
            if (skip != null && skip[from + r]) {
                continue;
            }
            int nearest = 0;
            double nearestD2 = Double.POSITIVE_INFINITY;
            double norm = norms[r];
            int base = r * refs;
            for (int i = 0; i < refs; i++) {
                double sum = norm + m.refNorms[i];
                double d2 = sum - 2 * dots[base + i];
                if (d2 <= CANCELLATION * sum) {
                    d2 = Gram.directSquared(zc, r * d, m.refs, i * d, d);
                }
                d2 = Math.max(0, d2);
                if (d2 < nearestD2) {
                    nearestD2 = d2;
                    nearest = i;
                }
                targets[i] = kernel.f(Math.max(0, (Math.sqrt(d2) - m.dmin) / range));
            }
            double tol = m.config.gamma0();
            lm.solve(this, m.refPoints[2 * nearest], m.refPoints[2 * nearest + 1], tol, tol, 1e-10,
                    m.config.imax(), fit);
            out[2 * (from + r)] = fit[0];
            out[2 * (from + r) + 1] = fit[1];
        }
    }

    /**
     * dots[r * refs + i] = zc_r . ref_i: two rows by four references at a time, a row left over by
     * eight references at a time. Every product is one FMA chain over the features in order, so a
     * row's scores do not depend on the rows posted with it.
     */
    private void dots(int rows, int refs) {
        double[] a = zc;
        double[] b = model.refs;
        int r = 0;
        for (; r + 1 < rows; r += 2) {
            int a0 = r * d;
            int a1 = a0 + d;
            int i = 0;
            for (; i + 3 < refs; i += 4) {
                int b0 = i * d;
                int b1 = b0 + d;
                int b2 = b1 + d;
                int b3 = b2 + d;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int k = 0; k < d; k++) {
                    double x0 = a[a0 + k];
                    double x1 = a[a1 + k];
                    double y0 = b[b0 + k];
                    double y1 = b[b1 + k];
                    double y2 = b[b2 + k];
                    double y3 = b[b3 + k];
                    s00 = Math.fma(x0, y0, s00);
                    s01 = Math.fma(x0, y1, s01);
                    s02 = Math.fma(x0, y2, s02);
                    s03 = Math.fma(x0, y3, s03);
                    s10 = Math.fma(x1, y0, s10);
                    s11 = Math.fma(x1, y1, s11);
                    s12 = Math.fma(x1, y2, s12);
                    s13 = Math.fma(x1, y3, s13);
                }
                int o0 = r * refs + i;
                int o1 = o0 + refs;
                dots[o0] = s00;
                dots[o0 + 1] = s01;
                dots[o0 + 2] = s02;
                dots[o0 + 3] = s03;
                dots[o1] = s10;
                dots[o1 + 1] = s11;
                dots[o1 + 2] = s12;
                dots[o1 + 3] = s13;
            }
            for (; i < refs; i++) {
                dots[r * refs + i] = chain(a, a0, b, i * d);
                dots[(r + 1) * refs + i] = chain(a, a1, b, i * d);
            }
        }
        if (r < rows) {
            oneRow(a, r * d, b, refs, r * refs);
        }
    }

    /** One row against all references, eight at a time (a single row is what a streaming client posts). */
    private void oneRow(double[] a, int a0, double[] b, int refs, int out) {
        int i = 0;
        for (; i + 7 < refs; i += 8) {
            int b0 = i * d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int k = 0; k < d; k++) {
                double x = a[a0 + k];
                s0 = Math.fma(x, b[b0 + k], s0);
                s1 = Math.fma(x, b[b0 + d + k], s1);
                s2 = Math.fma(x, b[b0 + 2 * d + k], s2);
                s3 = Math.fma(x, b[b0 + 3 * d + k], s3);
                s4 = Math.fma(x, b[b0 + 4 * d + k], s4);
                s5 = Math.fma(x, b[b0 + 5 * d + k], s5);
                s6 = Math.fma(x, b[b0 + 6 * d + k], s6);
                s7 = Math.fma(x, b[b0 + 7 * d + k], s7);
            }
            dots[out + i] = s0;
            dots[out + i + 1] = s1;
            dots[out + i + 2] = s2;
            dots[out + i + 3] = s3;
            dots[out + i + 4] = s4;
            dots[out + i + 5] = s5;
            dots[out + i + 6] = s6;
            dots[out + i + 7] = s7;
        }
        for (; i < refs; i++) {
            dots[out + i] = chain(a, a0, b, i * d);
        }
    }

    /** a.b over d features as one FMA chain in feature order, as the blocked kernels sum. */
    private double chain(double[] a, int offA, double[] b, int offB) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[offA + k], b[offB + k], s);
        }
        return s;
    }

    /** Residuals r_i = T_i - f(||q - p_i||) with Jacobian -g(d_i)(q - p_i), summarised for {@link Lm2}. */
    @Override
    public double evaluate(double x, double y, double[] jtj, double[] jtr) {
        double[] p = model.refPoints;
        double[] t = targets;
        int refs = model.refCount;
        double a = kernel.a;
        double b = 1 - a;
        double ss = 0;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double g1 = 0;
        double g2 = 0;
        for (int i = 0; i < refs; i++) {
            double dx = x - p[2 * i];
            double dy = y - p[2 * i + 1];
            double d2 = dx * dx + dy * dy;
            double e = FastExp.expNonPositive(d2 * negInvW1);
            double r = t[i] - (a * e + b * (1 - d2 * invW2));
            double g = ga * e + gb;
            double jx = -g * dx;
            double jy = -g * dy;
            ss += r * r;
            a11 += jx * jx;
            a12 += jx * jy;
            a22 += jy * jy;
            g1 += jx * r;
            g2 += jy * r;
        }
        jtj[0] = a11;
        jtj[1] = a12;
        jtj[2] = a22;
        jtr[0] = g1;
        jtr[1] = g2;
        return ss;
    }

    /** The targets of the last placed row (for tests). */
    double[] lastTargets() {
        return targets;
    }

    /** C(q) = (1/N) sum (T_i - f(||q - p_i||))^2. */
    static double cost(Kernel k, double[] points, int refs, double[] t, double qx, double qy) {
        double c = 0;
        for (int i = 0; i < refs; i++) {
            double dx = qx - points[2 * i];
            double dy = qy - points[2 * i + 1];
            double r = t[i] - k.fromSquared(dx * dx + dy * dy);
            c += r * r;
        }
        return c / refs;
    }
}
