package com.dinsight.query.dashboard;

import com.dinsight.api.monitoring.DashboardQueries.DashboardSummary;
import com.dinsight.api.monitoring.DashboardQueries.DatasetSummary;
import com.dinsight.api.monitoring.DashboardQueries.FetchDashboardSummary;
import com.dinsight.api.monitoring.DashboardQueries.LatestBaseline;
import com.dinsight.query.security.CallerScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The dashboard of one caller: for each of their datasets, the latest baseline, the monitoring
 * points recorded ({@code monitoring_counts}, no count over monitor_data), anomalies by severity in
 * the last 24 hours and 7 days (index on dataset and time) and alerts not resolved. Five grouped
 * queries whatever the number of datasets.
 */
@Component
class DashboardQueryHandler {

    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final CallerScope scope;
    private final Clock clock;

    DashboardQueryHandler(CallerScope scope, Clock clock) {
        this.scope = scope;
        this.clock = clock;
    }

    @QueryHandler
    DashboardSummary handle(FetchDashboardSummary query) {
        Instant now = clock.instant();
        Timestamp day = Timestamp.from(now.minus(Duration.ofDays(1)));
        Timestamp week = Timestamp.from(now.minus(Duration.ofDays(7)));
        UUID caller = query.caller().userId();
        return scope.read(query.caller(), jdbc -> {
            record Dataset(UUID id, String name, boolean active) {
            }
            List<Dataset> datasets = jdbc.sql("SELECT id, name, coalesce(is_active, true) FROM datasets WHERE user_id = ? ORDER BY created_at, id")
                    .param(caller).query((rs, n) -> new Dataset(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).list();
            Map<UUID, LatestBaseline> baselines = new HashMap<>();
            jdbc.sql("""
                            SELECT DISTINCT ON (a.dataset_id) a.dataset_id, a.dinsight_id, a.id, a.completed_at
                            FROM analyses a JOIN datasets d ON d.id = a.dataset_id
                            WHERE d.user_id = ? AND a.status = 'completed'
                            ORDER BY a.dataset_id, a.completed_at DESC""")
                    .param(caller).query(rs -> {
                        baselines.put(rs.getObject(1, UUID.class), new LatestBaseline(rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()));
                    });
            Map<UUID, Long> points = new HashMap<>();
            jdbc.sql("""
                            SELECT c.dataset_id, sum(c.points) FROM monitoring_counts c JOIN datasets d ON d.id = c.dataset_id
                            WHERE d.user_id = ? GROUP BY c.dataset_id""")
                    .param(caller).query(rs -> {
                        points.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    });
            Map<UUID, Map<String, Long>> lastDay = new HashMap<>();
            Map<UUID, Map<String, Long>> lastWeek = new HashMap<>();
            jdbc.sql("""
                            SELECT an.dataset_id, an.severity, count(*) FILTER (WHERE an.timestamp >= ?), count(*)
                            FROM anomalies an JOIN datasets d ON d.id = an.dataset_id
                            WHERE d.user_id = ? AND an.timestamp >= ? GROUP BY an.dataset_id, an.severity""")
                    .params(day, caller, week).query(rs -> {
                        UUID dataset = rs.getObject(1, UUID.class);
                        lastDay.computeIfAbsent(dataset, k -> zeros()).put(rs.getString(2), rs.getLong(3));
                        lastWeek.computeIfAbsent(dataset, k -> zeros()).put(rs.getString(2), rs.getLong(4));
                    });
            Map<UUID, Long> alerts = new HashMap<>();
            jdbc.sql("""
                            SELECT al.dataset_id, count(*) FROM alerts al JOIN datasets d ON d.id = al.dataset_id
                            WHERE d.user_id = ? AND al.status <> 'resolved' GROUP BY al.dataset_id""")
                    .param(caller).query(rs -> {
                        alerts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    });
            List<DatasetSummary> summaries = new ArrayList<>();
            for (Dataset dataset : datasets) {
                summaries.add(new DatasetSummary(dataset.id(), dataset.name(), dataset.active(), baselines.get(dataset.id()),
                        points.getOrDefault(dataset.id(), 0L), lastDay.getOrDefault(dataset.id(), zeros()),
                        lastWeek.getOrDefault(dataset.id(), zeros()), alerts.getOrDefault(dataset.id(), 0L)));
            }
            return new DashboardSummary(summaries, now);
        });
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> counts = new LinkedHashMap<>();
        SEVERITIES.forEach(severity -> counts.put(severity, 0L));
        return counts;
    }
}
