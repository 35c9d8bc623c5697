package com.dinsight.engine.internal;

/**
 * Pairwise Euclidean distances of centred rows through the Gram form
 * ||a||^2 + ||b||^2 - 2 a.b, computed in cache blocks with a 2 x 4 register kernel over both
 * cores. Pairs whose squared distance is small next to the rows' norms (duplicates and
 * near-duplicates, where the Gram form cancels) are recomputed directly from the
 * difference, so duplicates are exactly 0.
 */
public final class Gram {

    private static final int BLOCK = 32;
    private static final int K_BLOCK = 256;
    private static final double CANCELLATION = 1e-3;

    private Gram() {
    }

    /** Squared norms of the rows of z (n x m, row-major). */
    public static double[] norms(double[] z, int n, int m) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = dot(z, i * m, z, i * m, m);
        }
        return out;
    }

    /**
     * Fills {@code packed} with the Gram products a_i.a_j of all pairs i &lt; j. Calls
     * {@code afterBand} with the fraction done after each band of row blocks.
     */
    public static void products(double[] z, int n, int m, PairChunks layout, double[] packed, Parallel par,
                                java.util.function.DoubleConsumer afterBand) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        int tiles = blocks * (blocks + 1) / 2;
        int[] tileI = new int[tiles];
        int[] tileJ = new int[tiles];
        int t = 0;
        for (int bi = 0; bi < blocks; bi++) {
            for (int bj = bi; bj < blocks; bj++) {
                tileI[t] = bi;
                tileJ[t] = bj;
                t++;
            }
        }
        int bands = Math.min(tiles, 5);
        for (int band = 0; band < bands; band++) {
            int from = (int) ((long) tiles * band / bands);
            int to = (int) ((long) tiles * (band + 1) / bands);
            par.run(to - from, k -> {
                int tile = from + k;
                int i0 = tileI[tile] * BLOCK;
                int j0 = tileJ[tile] * BLOCK;
                int i1 = Math.min(n, i0 + BLOCK);
                int j1 = Math.min(n, j0 + BLOCK);
                double[] acc = new double[BLOCK * BLOCK];
                for (int k0 = 0; k0 < m; k0 += K_BLOCK) {
                    int k1 = Math.min(m, k0 + K_BLOCK);
                    tile(z, m, i0, i1, j0, j1, k0, k1, acc);
                }
                for (int i = i0; i < i1; i++) {
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        packed[layout.index(i, j)] = acc[(i - i0) * BLOCK + (j - j0)];
                    }
                }
            });
            if (afterBand != null) {
                afterBand.accept((double) to / tiles);
            }
        }
    }

    /** acc[(i-i0)*BLOCK + (j-j0)] += sum over k0..k1 of z_ik z_jk. */
    static void tile(double[] z, int m, int i0, int i1, int j0, int j1, int k0, int k1, double[] acc) {
        boolean diagonal = i0 == j0;
        int i = i0;
        for (; i + 1 < i1; i += 2) {
            int a0 = i * m;
            int a1 = a0 + m;
            // on a diagonal tile only pairs j > i are used: skip whole groups of 4 below i
            int j = diagonal ? j0 + ((i - i0) & ~3) : j0;
            for (; j + 3 < j1; j += 4) {
                int b0 = j * m;
                int b1 = b0 + m;
                int b2 = b1 + m;
                int b3 = b2 + m;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int k = k0; k < k1; k++) {
                    double x0 = z[a0 + k];
                    double x1 = z[a1 + k];
                    double y0 = z[b0 + k];
                    double y1 = z[b1 + k];
                    double y2 = z[b2 + k];
                    double y3 = z[b3 + k];
                    s00 = Math.fma(x0, y0, s00);
                    s01 = Math.fma(x0, y1, s01);
                    s02 = Math.fma(x0, y2, s02);
                    s03 = Math.fma(x0, y3, s03);
                    s10 = Math.fma(x1, y0, s10);
                    s11 = Math.fma(x1, y1, s11);
                    s12 = Math.fma(x1, y2, s12);
                    s13 = Math.fma(x1, y3, s13);
                }
                int r0 = (i - i0) * BLOCK + (j - j0);
                int r1 = r0 + BLOCK;
                acc[r0] += s00;
                acc[r0 + 1] += s01;
                acc[r0 + 2] += s02;
                acc[r0 + 3] += s03;
                acc[r1] += s10;
                acc[r1 + 1] += s11;
                acc[r1 + 2] += s12;
                acc[r1 + 3] += s13;
            }
            for (; j < j1; j++) {
                if (diagonal && j <= i) {
                    continue;
                }
                int b0 = j * m;
                double s0 = 0, s1 = 0;
                for (int k = k0; k < k1; k++) {
                    double y = z[b0 + k];
                    s0 = Math.fma(z[a0 + k], y, s0);
                    s1 = Math.fma(z[a1 + k], y, s1);
                }
                acc[(i - i0) * BLOCK + (j - j0)] += s0;
                acc[(i + 1 - i0) * BLOCK + (j - j0)] += s1;
            }
        }
        for (; i < i1; i++) {
            for (int j = diagonal ? i + 1 : j0; j < j1; j++) {
                double s = 0;
                int a = i * m;
                int b = j * m;
                for (int k = k0; k < k1; k++) {
                    s = Math.fma(z[a + k], z[b + k], s);
                }
                acc[(i - i0) * BLOCK + (j - j0)] += s;
            }
        }
    }

    /** Turns the packed Gram products into distances, in place. */
    public static void toDistances(double[] z, int m, double[] norms, PairChunks layout, double[] packed,
                                   Parallel par) {
        int n = layout.n;
        par.run(layout.chunks(), c -> {
            for (int i = layout.start[c]; i < layout.start[c + 1]; i++) {
                int k = (int) layout.offset(i);
                double ni = norms[i];
                for (int j = i + 1; j < n; j++, k++) {
                    double sum = ni + norms[j];
                    double d2 = sum - 2 * packed[k];
                    if (d2 <= CANCELLATION * sum) {
                        d2 = directSquared(z, i * m, z, j * m, m);
                    }
                    packed[k] = Math.sqrt(Math.max(0, d2));
                }
            }
        });
    }

    /** Squared distance of a row of a from a row of b, from the difference. */
    public static double directSquared(double[] a, int offA, double[] b, int offB, int m) {
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < m; k += 2) {
            double d0 = a[offA + k] - b[offB + k];
            double d1 = a[offA + k + 1] - b[offB + k + 1];
            s0 = Math.fma(d0, d0, s0);
            s1 = Math.fma(d1, d1, s1);
        }
        if (k < m) {
            double d = a[offA + k] - b[offB + k];
            s0 = Math.fma(d, d, s0);
        }
        return s0 + s1;
    }

    /** The dot product of a row of a with a row of b, four accumulators. */
    public static double dot(double[] a, int offA, double[] b, int offB, int m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < m; k += 4) {
            s0 = Math.fma(a[offA + k], b[offB + k], s0);
            s1 = Math.fma(a[offA + k + 1], b[offB + k + 1], s1);
            s2 = Math.fma(a[offA + k + 2], b[offB + k + 2], s2);
            s3 = Math.fma(a[offA + k + 3], b[offB + k + 3], s3);
        }
        for (; k < m; k++) {
            s0 = Math.fma(a[offA + k], b[offB + k], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
