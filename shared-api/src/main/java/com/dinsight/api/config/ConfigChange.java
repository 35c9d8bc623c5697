package com.dinsight.api.config;

/**
 * The editable fields of a configuration update; a {@code null} field keeps its current value.
 */
public record ConfigChange(
        Double gamma0,
        String optimizer,
        Double alpha,
        String endMeta,
        String startDim,
        String endDim,
        String featureScaling,
        String detectionMethod) {
}
