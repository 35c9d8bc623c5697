package com.dinsight.api.config;

import java.time.Instant;

/**
 * The REST representation of a configuration version: flat, as {@code config_data} is. Field
 * names become snake_case through the API's JSON naming strategy.
 */
public record ConfigJson(
        int id,
        double gamma0,
        String optimizer,
        double alpha,
        String endMeta,
        String startDim,
        String endDim,
        String featureScaling,
        String detectionMethod,
        int imax,
        int lowdim,
        double eta,
        double epsilon,
        double beta1,
        double beta2,
        double beta,
        double a,
        double w1,
        double w2,
        String whichW1,
        String mode,
        double paramMode,
        Instant createdAt) {

    public static ConfigJson of(ConfigVersion version) {
        ProcessingConfig c = version.config();
        return new ConfigJson(version.id(), c.gamma0(), c.optimizer(), c.alpha(), c.endMeta(),
                c.startDim(), c.endDim(), c.featureScaling(), c.detectionMethod(), c.imax(),
                c.lowdim(), c.eta(), c.epsilon(), c.beta1(), c.beta2(), c.beta(), c.a(), c.w1(),
                c.w2(), c.whichW1(), c.mode(), c.paramMode(), version.createdAt());
    }
}
