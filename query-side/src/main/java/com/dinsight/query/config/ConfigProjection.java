package com.dinsight.query.config;

import com.dinsight.api.config.ConfigUpdated;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.query.ReadModel;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code config_data}: one row per version, {@code id} = the version the write model
 * assigned. Inserts are idempotent, so a batch handled twice after a token moved is harmless.
 */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class ConfigProjection {

    private final JdbcClient jdbc;

    ConfigProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConfigUpdated event) {
        ProcessingConfig c = event.config();
        jdbc.sql("""
                        INSERT INTO config_data (id, gamma0, optimizer, alpha, end_meta, start_dim, end_dim,
                            feature_scaling, detection_method, imax, lowdim, eta, epsilon, beta1, beta2, beta,
                            a, w1, w2, which_w1, mode, param_mode, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .params(event.version(), c.gamma0(), c.optimizer(), c.alpha(), c.endMeta(), c.startDim(),
                        c.endDim(), c.featureScaling(), c.detectionMethod(), c.imax(), c.lowdim(), c.eta(),
                        c.epsilon(), c.beta1(), c.beta2(), c.beta(), c.a(), c.w1(), c.w2(), c.whichW1(),
                        c.mode(), c.paramMode(), Timestamp.from(event.createdAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE config_data CASCADE").update();
    }
}
