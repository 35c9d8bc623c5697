package com.dinsight.engine;

/**
 * A baseline run: the 2D point of every row (in row order) and the run's facts, plus the
 * {@link BaselineModel} monitoring needs later.
 *
 * @param iterations   optimiser iterations run (of the landmark embedding for {@code landmark})
 * @param startCost    cost C_0 of the start positions
 * @param finalCost    cost of the returned coordinates (of the landmark rows for {@code landmark})
 * @param converged    whether |C_t - C_t-1| &lt; gamma0 held for 5 consecutive iterations
 * @param method       {@code exact} or {@code landmark}
 * @param landmarks    rows embedded exactly (all rows for {@code exact})
 * @param keptFeatures features kept by scaling (non-constant ones for {@code standard})
 * @param millis       wall-clock milliseconds of the run
 */
public record EmbeddingResult(double[] x, double[] y, int iterations, double startCost, double finalCost,
                              boolean converged, double dmin, double dmax, double w1, long seed, String method,
                              int landmarks, String featureScaling, int keptFeatures, int droppedFeatures,
                              long millis, BaselineModel model) {
}
