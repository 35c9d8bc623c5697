package com.dinsight.engine.bench;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Venna-Kaski trustworthiness for larger inputs (parallel over rows), for the benchmark. */
final class Trust {

    private Trust() {
    }

    static double trustworthiness(double[] z, int n, int m, double[] x, double[] y, int k) {
        double sum = IntStream.range(0, n).parallel().mapToDouble(i -> {
            double[] dh = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < m; c++) {
                    double d = z[i * m + c] - z[j * m + c];
                    s += d * d;
                }
                dh[j] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> dh[a] != dh[b] ? Double.compare(dh[a], dh[b]) : Integer.compare(a, b));
            int[] rank = new int[n];
            for (int r = 0; r < n; r++) {
                rank[order[r]] = r + 1;
            }
            Integer[] low = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            double[] dl = new double[n];
            for (int j = 0; j < n; j++) {
                dl[j] = j == i ? Double.POSITIVE_INFINITY : Math.pow(x[i] - x[j], 2) + Math.pow(y[i] - y[j], 2);
            }
            Arrays.sort(low, (a, b) -> dl[a] != dl[b] ? Double.compare(dl[a], dl[b]) : Integer.compare(a, b));
            double s = 0;
            for (int r = 0; r < k; r++) {
                int j = low[r];
                if (rank[j] > k) {
                    s += rank[j] - k;
                }
            }
            return s;
        }).sum();
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * sum;
    }
}
