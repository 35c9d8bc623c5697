package com.dinsight.query;

import java.util.List;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The processing group of every projection that writes the seed's tables. They share one
 * processor with one segment because the tables reference each other (datasets -> users,
 * dinsight_data -> config_data, ...): events must reach them in the store's order, or a row
 * could arrive before the row it references. docs/decisions.md has the trade-off.
 */
public final class ReadModel {

    public static final String PROCESSING_GROUP = "read-model";

    /** Every table the processor's projections write; a replay rebuilds exactly these (docs/replay.md). */
    public static final List<String> TABLES = List.of(
            "users", "refresh_tokens", "revoked_sessions", "config_data", "datasets", "file_uploads",
            "feature_columns", "feature_data", "dinsight_data", "analyses", "baselines", "anomaly_thresholds",
            "monitor_data", "monitoring_counts", "anomalies", "alert_rules", "alerts");

    /**
     * A unit-of-work resource set by a processor that rebuilds the read model into shadow tables
     * (zero-downtime replay): the events it handles were, or will be, pushed to live clients by the
     * live processor already.
     */
    public static final String SHADOW_BUILD = "dinsight.read-model.shadow-build";

    private ReadModel() {
    }

    /**
     * Whether the event being handled may be pushed to live clients (alert and monitoring streams):
     * not when it is replayed (a token reset) nor when it is built into shadow tables.
     */
    public static boolean pushesLiveUpdates() {
        return CurrentUnitOfWork.map(unitOfWork -> !unitOfWork.resources().containsKey(SHADOW_BUILD)
                && !ReplayToken.isReplay(unitOfWork.getMessage())).orElse(true);
    }
}
