package com.dinsight.query.config;

import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.ProcessingConfig;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of {@code config_data}. */
@Table("config_data")
record ConfigRow(
        @Id Integer id,
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

    ConfigVersion toVersion() {
        return new ConfigVersion(id, new ProcessingConfig(gamma0, optimizer, alpha, endMeta, startDim,
                endDim, featureScaling, detectionMethod, imax, lowdim, eta, epsilon, beta1, beta2, beta,
                a, w1, w2, whichW1, mode, paramMode), createdAt);
    }
}
