package com.dinsight.api.config;

import java.util.List;

/**
 * One complete processing configuration: the editable parameters a user may change and the
 * parameters the system sets. Field meanings are those of {@code dinsight-algorithm.md}; the
 * defaults are the column defaults of {@code config_data} in the seed schema.
 */
public record ProcessingConfig(
        // editable
        double gamma0,
        String optimizer,
        double alpha,
        String endMeta,
        String startDim,
        String endDim,
        String featureScaling,
        String detectionMethod,
        // set by the system
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
        double paramMode) {

    /** Fields a user may change through {@code POST /api/v1/config} (snake_case, as in the API). */
    public static final List<String> EDITABLE_FIELDS = List.of(
            "gamma0", "optimizer", "alpha", "end_meta", "start_dim", "end_dim",
            "feature_scaling", "detection_method");

    /** Fields only the system sets; a request naming one of them is rejected. */
    public static final List<String> SYSTEM_FIELDS = List.of(
            "imax", "lowdim", "eta", "epsilon", "beta1", "beta2", "beta", "a", "w1", "w2",
            "which_w1", "mode", "param_mode");

    /** The seed's defaults: version 1 of every fresh system. */
    public static ProcessingConfig defaults() {
        return new ProcessingConfig(
                1e-7, "adam", 0.1, "participant", "f_0", "f_1023", "standard", "hybrid",
                1000, 2, 0.5, 1e-8, 0.9, 0.999, 0.5, 0.8, 0.04, 1, "auto", "kanadaSan", 0.3);
    }

    /** This configuration with the editable fields the change names replaced. */
    public ProcessingConfig with(ConfigChange change) {
        return new ProcessingConfig(
                orElse(change.gamma0(), gamma0),
                orElse(change.optimizer(), optimizer),
                orElse(change.alpha(), alpha),
                orElse(change.endMeta(), endMeta),
                orElse(change.startDim(), startDim),
                orElse(change.endDim(), endDim),
                orElse(change.featureScaling(), featureScaling),
                orElse(change.detectionMethod(), detectionMethod),
                imax, lowdim, eta, epsilon, beta1, beta2, beta, a, w1, w2, whichW1, mode, paramMode);
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
