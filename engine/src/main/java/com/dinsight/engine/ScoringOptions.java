package com.dinsight.engine;

/**
 * Overrides for scoring: {@code anomalyThreshold} replaces the calibrated md_threshold when
 * not null; {@code sensitivityFactor} s &gt; 0 divides both thresholds (default 1).
 */
public record ScoringOptions(Double anomalyThreshold, double sensitivityFactor) {

    public static final ScoringOptions DEFAULT = new ScoringOptions(null, 1.0);

    public ScoringOptions {
        if (anomalyThreshold != null && !(anomalyThreshold > 0 && Double.isFinite(anomalyThreshold))) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_CONFIGURATION,
                    "anomaly_threshold must be a finite number greater than 0, was " + anomalyThreshold, null, 0,
                    "anomaly_threshold");
        }
        if (!(sensitivityFactor > 0 && Double.isFinite(sensitivityFactor))) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_CONFIGURATION,
                    "sensitivity_factor must be a finite number greater than 0, was " + sensitivityFactor, null, 0,
                    "sensitivity_factor");
        }
    }
}
