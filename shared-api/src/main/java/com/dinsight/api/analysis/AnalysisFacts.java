package com.dinsight.api.analysis;

/** What the engine reports of a run (dinsight-algorithm.md section 1.8), for analyses.results. */
public record AnalysisFacts(int rows, int features, int iterations, double startCost, double finalCost,
                            boolean converged, double dmin, double dmax, double w1, long seed, String method,
                            int landmarks, String featureScaling, int keptFeatures, int droppedFeatures,
                            long engineMillis) {
}
