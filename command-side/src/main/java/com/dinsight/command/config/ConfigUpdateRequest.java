package com.dinsight.command.config;

import com.dinsight.api.config.ConfigChange;

/**
 * The body of {@code POST /api/v1/config}. Only editable fields exist here: with unknown
 * properties failing deserialization, a request naming a system-set field is rejected.
 */
record ConfigUpdateRequest(
        Double gamma0,
        String optimizer,
        Double alpha,
        String endMeta,
        String startDim,
        String endDim,
        String featureScaling,
        String detectionMethod) {

    ConfigChange toChange() {
        return new ConfigChange(gamma0, optimizer, alpha, endMeta, startDim, endDim,
                featureScaling, detectionMethod);
    }
}
