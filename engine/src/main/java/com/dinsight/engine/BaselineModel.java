package com.dinsight.engine;

import java.util.List;

/**
 * Everything monitoring needs from a baseline run, and nothing else: the feature names and
 * scaling statistics (section 0), the reference rows (scaled and centred) with their 2D
 * points, dmin, dmax, w1 and the kernel parameters (section 2), and the calibration of
 * section 3 (mean and covariance of the baseline points, md_threshold, z_threshold).
 *
 * <p>With the exact method the references are all baseline rows; with the landmark method
 * they are the landmark rows. Store and load it with {@link BaselineModelCodec}. Arrays are
 * not copied: a model is immutable by convention.
 */
public final class BaselineModel {

    final EngineConfig config;
    final String method;
    final long seed;
    final int baselineRows;
    final String[] featureNames;
    final double[] means;
    final double[] sds;
    final int[] kept;
    final int[] used;
    final double[] centre;
    final int refCount;
    final double[] refs;
    final double[] refNorms;
    final double[] refPoints;
    final double dmin;
    final double dmax;
    final double w1;
    final boolean singular;
    final double[] mu;
    final double[] cov;
    final double mdThreshold;
    final double zThreshold;

    BaselineModel(EngineConfig config, String method, long seed, int baselineRows, String[] featureNames,
                  double[] means, double[] sds, int[] kept, int[] used, double[] centre, int refCount,
                  double[] refs, double[] refNorms, double[] refPoints, double dmin, double dmax, double w1,
                  boolean singular, double[] mu, double[] cov, double mdThreshold, double zThreshold) {
        this.config = config;
        this.method = method;
        this.seed = seed;
        this.baselineRows = baselineRows;
        this.featureNames = featureNames;
        this.means = means;
        this.sds = sds;
        this.kept = kept;
        this.used = used;
        this.centre = centre;
        this.refCount = refCount;
        this.refs = refs;
        this.refNorms = refNorms;
        this.refPoints = refPoints;
        this.dmin = dmin;
        this.dmax = dmax;
        this.w1 = w1;
        this.singular = singular;
        this.mu = mu;
        this.cov = cov;
        this.mdThreshold = mdThreshold;
        this.zThreshold = zThreshold;
    }

    public EngineConfig config() {
        return config;
    }

    /** {@code exact} or {@code landmark}. */
    public String method() {
        return method;
    }

    public long seed() {
        return seed;
    }

    public int baselineRows() {
        return baselineRows;
    }

    /** The feature columns a monitoring table must have, in this order. */
    public List<String> featureNames() {
        return List.of(featureNames);
    }

    /** Names of the non-constant features (those scaled and used for z-scores). */
    public List<String> keptFeatureNames() {
        return java.util.Arrays.stream(kept).mapToObj(k -> featureNames[k]).toList();
    }

    /** Baseline mean of input feature c. */
    public double mean(int c) {
        return means[c];
    }

    /** Baseline sample standard deviation (divisor N-1) of input feature c. */
    public double standardDeviation(int c) {
        return sds[c];
    }

    /** Number of reference rows monitoring is placed against. */
    public int referenceCount() {
        return refCount;
    }

    public double dmin() {
        return dmin;
    }

    public double dmax() {
        return dmax;
    }

    public double w1() {
        return w1;
    }

    /** True when the baseline points' covariance is singular and anomaly scores cannot be computed. */
    public boolean singularCovariance() {
        return singular;
    }

    /** Mean of the baseline points, {x, y}. */
    public double[] centroid() {
        return mu.clone();
    }

    /** Sample covariance of the baseline points, {sxx, sxy, syy}. */
    public double[] covariance() {
        return cov.clone();
    }

    /** The calibrated md_threshold (before any override or sensitivity factor); NaN if singular. */
    public double mdThreshold() {
        return mdThreshold;
    }

    /** The largest zmax over the baseline rows (before any sensitivity factor). */
    public double zThreshold() {
        return zThreshold;
    }
}
