package com.dinsight.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Section 3: Mahalanobis distance, zmax, thresholds, severity, contributing features. */
final class Scorer {

    static final double MIN_MD_THRESHOLD = 3.0349;
    static final double SINGULAR_RATIO = 1e-12;
    private static final int CONTRIBUTORS = 5;

    private Scorer() {
    }

    /** {mu, cov} of interleaved points: mu = {mx, my}, cov = {sxx, sxy, syy} with divisor N-1. */
    static double[][] meanAndCovariance(double[] points, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += points[2 * i];
            my += points[2 * i + 1];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = points[2 * i] - mx;
            double dy = points[2 * i + 1] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        return new double[][] {{mx, my}, {sxx / (n - 1), sxy / (n - 1), syy / (n - 1)}};
    }

    /** True when the smallest eigenvalue of cov is at most 1e-12 times the largest. */
    static boolean singular(double[] cov) {
        double half = (cov[0] + cov[2]) / 2;
        double r = Math.sqrt((cov[0] - cov[2]) * (cov[0] - cov[2]) / 4 + cov[1] * cov[1]);
        double large = half + r;
        double small = half - r;
        return !(large > 0) || small <= SINGULAR_RATIO * large;
    }

    static double mahalanobis(double[] mu, double[] cov, double x, double y) {
        double det = cov[0] * cov[2] - cov[1] * cov[1];
        double dx = x - mu[0];
        double dy = y - mu[1];
        double q = (cov[2] * dx * dx - 2 * cov[1] * dx * dy + cov[0] * dy * dy) / det;
        return Math.sqrt(Math.max(0, q));
    }

    /** Largest |z| over the kept features of the raw row at {@code raw[off..]}. */
    static double zmax(BaselineModel m, double[] raw, int off) {
        double best = 0;
        for (int c : m.kept) {
            double z = Math.abs((raw[off + c] - m.means[c]) / m.sds[c]);
            if (z > best) {
                best = z;
            }
        }
        return best;
    }

    /** Linear interpolation at rank 0.99 (N-1) of the sorted values, counting from 0. */
    static double percentile99(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double rank = 0.99 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (rank - lo) * (s[hi] - s[lo]);
    }

    static RowScore score(BaselineModel m, ScoringOptions opts, double x, double y, double[] raw, int off) {
        if (m.singular) {
            throw new InvalidInputException(InvalidInputException.Reason.SINGULAR_COVARIANCE,
                    "the baseline points' covariance is singular: Mahalanobis distances are undefined");
        }
        double s = opts.sensitivityFactor();
        double mdT = (opts.anomalyThreshold() != null ? opts.anomalyThreshold() : m.mdThreshold) / s;
        double zT = m.zThreshold / s;
        double md = mahalanobis(m.mu, m.cov, x, y);
        double zmax = zmax(m, raw, off);
        boolean hybrid = EngineConfig.HYBRID.equals(m.config.detectionMethod());
        double ratio = md / mdT;
        if (hybrid) {
            ratio = Math.max(ratio, zT > 0 ? zmax / zT : 0);
        }
        boolean anomalous = md > mdT || (hybrid && zmax > zT);
        Severity severity = anomalous ? Severity.of(ratio) : Severity.NONE;
        if (anomalous && severity == Severity.NONE) {
            severity = Severity.LOW;
        }
        return new RowScore(x, y, md, zmax, mdT, zT, anomalous, severity, contributors(m, raw, off));
    }

    static List<ContributingFeature> contributors(BaselineModel m, double[] raw, int off) {
        int k = Math.min(CONTRIBUTORS, m.kept.length);
        int[] top = new int[k];
        double[] topAbs = new double[k];
        int filled = 0;
        for (int c : m.kept) {
            double a = Math.abs((raw[off + c] - m.means[c]) / m.sds[c]);
            if (filled < k || a > topAbs[filled - 1]) {
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && topAbs[pos - 1] < a) {
                    topAbs[pos] = topAbs[pos - 1];
                    top[pos] = top[pos - 1];
                    pos--;
                }
                topAbs[pos] = a;
                top[pos] = c;
            }
        }
        List<ContributingFeature> out = new ArrayList<>(k);
        for (int i = 0; i < filled; i++) {
            int c = top[i];
            double v = raw[off + c];
            out.add(new ContributingFeature(m.featureNames[c], v, m.means[c], (v - m.means[c]) / m.sds[c]));
        }
        return out;
    }

    static ComparisonSummary summarise(BaselineModel m, ScoringOptions opts, List<RowScore> rows) {
        double s = opts.sensitivityFactor();
        double mdT = (opts.anomalyThreshold() != null ? opts.anomalyThreshold() : m.mdThreshold) / s;
        double zT = m.zThreshold / s;
        int n = rows.size();
        if (n == 0) {
            return new ComparisonSummary(0, 0, 0, mdT, zT, 0, 0, 0, 0);
        }
        int anomalies = 0;
        double sum = 0;
        double max = 0;
        double cx = 0;
        double cy = 0;
        for (RowScore r : rows) {
            anomalies += r.anomalous() ? 1 : 0;
            sum += r.mahalanobisDistance();
            max = Math.max(max, r.mahalanobisDistance());
            cx += r.x();
            cy += r.y();
        }
        double mean = sum / n;
        double var = 0;
        for (RowScore r : rows) {
            double d = r.mahalanobisDistance() - mean;
            var += d * d;
        }
        cx /= n;
        cy /= n;
        double centroid = Math.hypot(cx - m.mu[0], cy - m.mu[1]);
        return new ComparisonSummary(n, anomalies, 100.0 * anomalies / n, mdT, zT, centroid, mean,
                Math.sqrt(var / n), max);
    }
}
