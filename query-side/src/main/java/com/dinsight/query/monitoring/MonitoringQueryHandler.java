package com.dinsight.query.monitoring;

import com.dinsight.api.monitoring.MonitoringQueries.AnomalousPoint;
import com.dinsight.api.monitoring.MonitoringQueries.AnomalyPage;
import com.dinsight.api.monitoring.MonitoringQueries.AnomalyView;
import com.dinsight.api.monitoring.MonitoringQueries.CompareMonitoring;
import com.dinsight.api.monitoring.MonitoringQueries.Comparison;
import com.dinsight.api.monitoring.MonitoringQueries.Coordinates;
import com.dinsight.api.monitoring.MonitoringQueries.FetchAnomalies;
import com.dinsight.api.monitoring.MonitoringQueries.FetchMonitorCoordinates;
import com.dinsight.api.monitoring.MonitoringQueries.FetchMonitorPoints;
import com.dinsight.api.monitoring.MonitoringQueries.FetchThresholds;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointPage;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointView;
import com.dinsight.api.monitoring.MonitoringQueries.Statistics;
import com.dinsight.api.monitoring.MonitoringQueries.StreamMonitorPoints;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.query.security.CallerScope;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads monitoring points, anomalies and thresholds through {@link CallerScope}: a baseline is
 * visible when one of its analyses is (row-level security on analyses), anomalies and thresholds
 * when their dataset is.
 */
@Component
class MonitoringQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_LISTED_ANOMALIES = 1000;
    private static final String BASELINE_VISIBLE = "EXISTS (SELECT 1 FROM analyses a WHERE a.dinsight_id = ?)";

    private final CallerScope scope;

    MonitoringQueryHandler(CallerScope scope) {
        this.scope = scope;
    }

    @QueryHandler
    Optional<MonitorPointPage> handle(FetchMonitorPoints query) {
        return scope.read(query.caller(), jdbc -> {
            if (!visible(jdbc, query.dinsightId())) {
                return Optional.empty();
            }
            // the projection keeps this in the transaction that inserts the points (gap-free orders, so
            // it equals their count); a count(*) over monitor_data grew with the baseline's history
            long total = jdbc.sql("SELECT points FROM monitoring_counts WHERE dinsight_id = ?")
                    .param(query.dinsightId()).query(Long.class).optional().orElse(0L);
            List<MonitorPointView> items = jdbc.sql("""
                            SELECT id, process_order, x_values[1], y_values[1], metadata, created_at FROM monitor_data
                            WHERE dinsight_id = ? ORDER BY process_order LIMIT ? OFFSET ?""")
                    .params(query.dinsightId(), query.size(), (long) query.page() * query.size())
                    .query((rs, n) -> new MonitorPointView(rs.getObject(1, UUID.class), rs.getInt(2), rs.getDouble(3),
                            rs.getDouble(4), map(rs.getString(5)), instant(rs.getTimestamp(6))))
                    .list();
            return Optional.of(new MonitorPointPage(items, query.page(), query.size(), total));
        });
    }

    @QueryHandler
    List<MonitorPointView> handle(StreamMonitorPoints query) {
        return scope.read(query.caller(), jdbc -> {
            if (!visible(jdbc, query.dinsightId())) {
                return List.<MonitorPointView>of();
            }
            return jdbc.sql("""
                            SELECT id, process_order, x_values[1], y_values[1], metadata, created_at FROM monitor_data
                            WHERE dinsight_id = ? AND process_order > ? ORDER BY process_order LIMIT 10000""")
                    .params(query.dinsightId(), query.afterOrder())
                    .query((rs, n) -> new MonitorPointView(rs.getObject(1, UUID.class), rs.getInt(2), rs.getDouble(3),
                            rs.getDouble(4), map(rs.getString(5)), instant(rs.getTimestamp(6))))
                    .list();
        });
    }

    @QueryHandler
    Optional<Coordinates> handle(FetchMonitorCoordinates query) {
        return scope.read(query.caller(), jdbc -> {
            if (!visible(jdbc, query.dinsightId())) {
                return Optional.empty();
            }
            List<double[]> points = jdbc.sql("""
                            SELECT x_values[1], y_values[1] FROM monitor_data WHERE dinsight_id = ? ORDER BY process_order""")
                    .param(query.dinsightId()).query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list();
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            return Optional.of(new Coordinates(x, y));
        });
    }

    @QueryHandler
    AnomalyPage handle(FetchAnomalies query) {
        StringBuilder where = new StringBuilder("EXISTS (SELECT 1 FROM datasets d WHERE d.id = an.dataset_id)");
        List<Object> params = new ArrayList<>();
        if (query.datasetId() != null) {
            where.append(" AND an.dataset_id = ?");
            params.add(query.datasetId());
        }
        if (query.severity() != null) {
            where.append(" AND an.severity = ?");
            params.add(query.severity());
        }
        if (query.acknowledged() != null) {
            where.append(" AND coalesce(an.acknowledged, false) = ?");
            params.add(query.acknowledged());
        }
        if (query.from() != null) {
            where.append(" AND an.timestamp >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND an.timestamp < ?");
            params.add(Timestamp.from(query.to()));
        }
        return scope.read(query.caller(), jdbc -> {
            long total = jdbc.sql("SELECT count(*) FROM anomalies an WHERE " + where).params(params)
                    .query(Long.class).single();
            List<Object> paged = new ArrayList<>(params);
            paged.add(query.size());
            paged.add((long) query.page() * query.size());
            List<AnomalyView> items = jdbc.sql("""
                            SELECT an.* FROM anomalies an WHERE %s
                            ORDER BY an.timestamp DESC, an.id LIMIT ? OFFSET ?""".formatted(where))
                    .params(paged).query(MonitoringQueryHandler::anomaly).list();
            return new AnomalyPage(items, query.page(), query.size(), total);
        });
    }

    @QueryHandler
    Optional<Comparison> handle(CompareMonitoring query) {
        return scope.read(query.caller(), jdbc -> {
            if (!visible(jdbc, query.dinsightId())) {
                return Optional.empty();
            }
            record Baseline(double md, double z, double cx, double cy, String method, Double datasetThreshold,
                            Double datasetSensitivity) {
            }
            Optional<Baseline> found = jdbc.sql("""
                            SELECT b.md_threshold, b.z_threshold, b.centroid_x, b.centroid_y, b.detection_method,
                                   t.anomaly_threshold, t.sensitivity_factor
                            FROM baselines b LEFT JOIN anomaly_thresholds t ON t.dataset_id = b.dataset_id
                            WHERE b.dinsight_id = ?""")
                    .param(query.dinsightId())
                    .query((rs, n) -> new Baseline(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getString(5), (Double) rs.getObject(6), (Double) rs.getObject(7)))
                    .optional();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Baseline b = found.get();
            double s = query.sensitivityFactor() != null ? query.sensitivityFactor()
                    : b.datasetSensitivity() != null ? b.datasetSensitivity() : 1.0;
            double base = query.anomalyThreshold() != null ? query.anomalyThreshold()
                    : b.datasetThreshold() != null ? b.datasetThreshold() : b.md();
            double mdThreshold = base / s;
            double zThreshold = b.z() / s;
            boolean hybrid = !"mahalanobis".equals(b.method());
            Summary summary = new Summary();
            jdbc.sql("""
                            SELECT id, process_order, x_values[1], y_values[1], (metadata->>'mahalanobis_distance')::float8,
                                   (metadata->>'zmax')::float8
                            FROM monitor_data WHERE dinsight_id = ? ORDER BY process_order""")
                    .param(query.dinsightId())
                    .query(rs -> {
                        double md = rs.getDouble(5);
                        double zmax = rs.getDouble(6);
                        boolean anomalous = md > mdThreshold || hybrid && zmax > zThreshold;
                        summary.add(md, rs.getDouble(3), rs.getDouble(4), anomalous
                                ? new AnomalousPoint(rs.getObject(1, UUID.class), rs.getInt(2), rs.getDouble(3),
                                rs.getDouble(4), md, zmax) : null);
                    });
            return Optional.of(summary.result(mdThreshold, zThreshold, s, b.cx(), b.cy()));
        });
    }

    @QueryHandler
    Optional<Thresholds> handle(FetchThresholds query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql("""
                        SELECT d.id, t.anomaly_threshold, coalesce(t.sensitivity_factor, 1)
                        FROM datasets d LEFT JOIN anomaly_thresholds t ON t.dataset_id = d.id WHERE d.id = ?""")
                .param(query.datasetId())
                .query((rs, n) -> new Thresholds(rs.getObject(1, UUID.class), (Double) rs.getObject(2), rs.getDouble(3)))
                .optional());
    }

    /** Running sums over a baseline's points: counts, mean/std/max of MD, the monitoring centroid. */
    private static final class Summary {
        long total;
        long anomalies;
        double sum;
        double sumSquares;
        double max;
        double sumX;
        double sumY;
        final List<AnomalousPoint> listed = new ArrayList<>();

        void add(double md, double x, double y, AnomalousPoint anomalous) {
            total++;
            sum += md;
            sumSquares += md * md;
            max = Math.max(max, md);
            sumX += x;
            sumY += y;
            if (anomalous != null) {
                anomalies++;
                if (listed.size() < MAX_LISTED_ANOMALIES) {
                    listed.add(anomalous);
                }
            }
        }

        Comparison result(double mdThreshold, double zThreshold, double sensitivity, double cx, double cy) {
            double mean = total == 0 ? 0 : sum / total;
            double variance = total == 0 ? 0 : Math.max(0, sumSquares / total - mean * mean);
            double centroidDistance = total == 0 ? 0 : Math.hypot(sumX / total - cx, sumY / total - cy);
            return new Comparison(total, anomalies, total == 0 ? 0 : 100.0 * anomalies / total, mdThreshold, zThreshold,
                    sensitivity, centroidDistance, new Statistics(mean, Math.sqrt(variance), max), listed);
        }
    }

    private static boolean visible(JdbcClient jdbc, UUID dinsightId) {
        return jdbc.sql("SELECT " + BASELINE_VISIBLE).param(dinsightId).query(Boolean.class).single();
    }

    private static AnomalyView anomaly(ResultSet rs, int row) throws SQLException {
        return new AnomalyView(rs.getObject("id", UUID.class), rs.getObject("analysis_id", UUID.class),
                rs.getObject("dataset_id", UUID.class), instant(rs.getTimestamp("timestamp")), rs.getString("severity"),
                rs.getDouble("distance"), rs.getDouble("threshold"), list(rs.getString("features")),
                map(rs.getString("metadata")), rs.getBoolean("acknowledged"), rs.getObject("acknowledged_by", UUID.class),
                instant(rs.getTimestamp("acknowledged_at")), instant(rs.getTimestamp("created_at")));
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> list(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
