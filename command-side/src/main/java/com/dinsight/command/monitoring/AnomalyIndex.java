package com.dinsight.command.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup from an anomaly to its baseline ({@code monitoring.anomaly_index}),
 * written in the same transaction as the events that record the anomaly, so
 * {@code POST /anomalies/{id}/acknowledge} finds the aggregate without reading the query side.
 */
@Component
public class AnomalyIndex {

    private final JdbcClient jdbc;

    AnomalyIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID dinsightId, List<UUID> anomalyIds) {
        for (UUID anomalyId : anomalyIds) {
            jdbc.sql("INSERT INTO monitoring.anomaly_index (anomaly_id, dinsight_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(anomalyId, dinsightId).update();
        }
    }

    public Optional<UUID> baselineOf(UUID anomalyId) {
        return jdbc.sql("SELECT dinsight_id FROM monitoring.anomaly_index WHERE anomaly_id = ?").param(anomalyId)
                .query(UUID.class).optional();
    }
}
