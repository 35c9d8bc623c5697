package com.dinsight.api.monitoring;

import java.util.UUID;

public record Thresholds(UUID datasetId, Double anomalyThreshold, double sensitivityFactor) {

    public static Thresholds defaults(UUID datasetId) {
        return new Thresholds(datasetId, null, 1.0);
    }
}
