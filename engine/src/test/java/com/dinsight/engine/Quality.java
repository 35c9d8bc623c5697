package com.dinsight.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/** Test-side measures, written independently of the engine: scaling, PCA, trustworthiness. */
final class Quality {

    private Quality() {
    }

    /** Standardised rows (sample sd, constant features dropped), as rows of arrays. */
    static double[][] standardised(FeatureTable t) {
        int n = t.rows();
        int m = t.features();
        List<Integer> keep = new ArrayList<>();
        double[] mean = new double[m];
        double[] sd = new double[m];
        for (int c = 0; c < m; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double s = 0;
            for (int r = 0; r < n; r++) {
                double v = t.value(r, c);
                s += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mean[c] = s / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                ss += (t.value(r, c) - mean[c]) * (t.value(r, c) - mean[c]);
            }
            sd[c] = Math.sqrt(ss / (n - 1));
            if (lo != hi) {
                keep.add(c);
            }
        }
        double[][] z = new double[n][keep.size()];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < keep.size(); k++) {
                int c = keep.get(k);
                z[r][k] = (t.value(r, c) - mean[c]) / sd[c];
            }
        }
        return z;
    }

    /** Scores of the first two principal components of the rows (centred here). */
    static double[][] pca2(double[][] rows) {
        int n = rows.length;
        int m = rows[0].length;
        double[][] c = new double[n][m];
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (double[] row : rows) {
                s += row[k];
            }
            for (int i = 0; i < n; i++) {
                c[i][k] = rows[i][k] - s / n;
            }
        }
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += c[i][k] * c[j][k];
                }
                gram[i][j] = s;
                gram[j][i] = s;
            }
        }
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] ev = ed.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -ev[i]));
        double[][] out = new double[n][2];
        for (int r = 0; r < 2; r++) {
            double[] u = ed.getEigenvector(order[r]).toArray();
            double s = Math.sqrt(Math.max(0, ev[order[r]]));
            for (int i = 0; i < n; i++) {
                out[i][r] = s * u[i];
            }
        }
        return out;
    }

    static double[][] points(double[] x, double[] y) {
        double[][] p = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            p[i][0] = x[i];
            p[i][1] = y[i];
        }
        return p;
    }

    /**
     * Trustworthiness at k (Venna and Kaski): 1 - 2/(N k (2N - 3k - 1)) times the sum, over
     * each row i and each j among i's k nearest in the embedding but not in the original
     * space, of (rank of j among i's original-space neighbours) - k.
     */
    static double trustworthiness(double[][] high, double[][] low, int k) {
        int n = high.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int[] highOrder = order(high, i);
            int[] rank = new int[n];
            for (int r = 0; r < highOrder.length; r++) {
                rank[highOrder[r]] = r + 1;
            }
            int[] lowOrder = order(low, i);
            for (int r = 0; r < k; r++) {
                int j = lowOrder[r];
                if (rank[j] > k) {
                    sum += rank[j] - k;
                }
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * sum;
    }

    /** Other rows by distance from row i, nearest first (ties by index). */
    private static int[] order(double[][] rows, int i) {
        int n = rows.length;
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < rows[i].length; k++) {
                double v = rows[i][k] - rows[j][k];
                s += v * v;
            }
            d[j] = s;
        }
        return java.util.stream.IntStream.range(0, n).filter(j -> j != i).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }
}
