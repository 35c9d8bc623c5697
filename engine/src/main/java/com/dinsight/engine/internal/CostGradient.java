package com.dinsight.engine.internal;

import java.util.Arrays;

/**
 * C = (1/P) sum (T_ij - f(d_ij))^2 and its gradient over all pairs, in parallel chunks with
 * private gradient buffers summed in chunk order. No allocation per call.
 */
public final class CostGradient {

    private final PairChunks layout;
    private final double[] targets;
    private final Kernel k;
    private final Parallel par;
    private final double[][] buffers;
    private final double[] partialCost;

    public CostGradient(PairChunks layout, double[] targets, Kernel kernel, Parallel par) {
        this.layout = layout;
        this.targets = targets;
        this.k = kernel;
        this.par = par;
        this.buffers = new double[layout.chunks()][2 * layout.n];
        this.partialCost = new double[layout.chunks()];
    }

    /** Returns the cost at {@code p} (interleaved x, y) and writes the gradient into {@code grad}. */
    public double evaluate(double[] p, double[] grad) {
        int n = layout.n;
        par.run(layout.chunks(), c -> chunk(c, p));
        double cost = 0;
        for (double v : partialCost) {
            cost += v;
        }
        double scale = 2.0 / layout.pairs;
        for (int i = 0; i < n; i++) {
            double gx = 0;
            double gy = 0;
            for (int c = 0; c < buffers.length && layout.start[c] <= i; c++) {
                gx += buffers[c][2 * i];
                gy += buffers[c][2 * i + 1];
            }
            grad[2 * i] = gx * scale;
            grad[2 * i + 1] = gy * scale;
        }
        return cost / layout.pairs;
    }

    private void chunk(int c, double[] p) {
        int n = layout.n;
        double[] g = buffers[c];
        int r0 = layout.start[c];
        Arrays.fill(g, 2 * r0, 2 * n, 0.0);
        double[] t = targets;
        double negInvW1 = k.negInvW1;
        double invW2 = k.invW2;
        double a = k.a;
        double b = k.b;
        double ga = k.ga;
        double gb = k.gb;
        double cost = 0;
        for (int i = r0; i < layout.start[c + 1]; i++) {
            int idx = (int) layout.offset(i);
            double xi = p[2 * i];
            double yi = p[2 * i + 1];
            double gxi = 0;
            double gyi = 0;
            for (int j = i + 1; j < n; j++, idx++) {
                double dx = xi - p[2 * j];
                double dy = yi - p[2 * j + 1];
                double d2 = dx * dx + dy * dy;
                double e = FastExp.expNonPositive(d2 * negInvW1);
                double r = (a * e + b * (1 - d2 * invW2)) - t[idx];
                cost += r * r;
                double w = r * (ga * e + gb);
                double wx = w * dx;
                double wy = w * dy;
                gxi += wx;
                gyi += wy;
                g[2 * j] -= wx;
                g[2 * j + 1] -= wy;
            }
            g[2 * i] += gxi;
            g[2 * i + 1] += gyi;
        }
        partialCost[c] = cost;
    }
}
