package com.dinsight.query.monitoring;

import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.monitoring.AnomalyAcknowledged;
import com.dinsight.api.monitoring.BaselineRegistered;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointView;
import com.dinsight.api.monitoring.MonitoringQueries.StreamMonitorPoints;
import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.api.monitoring.ThresholdsChanged;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.BaselineModel;
import com.dinsight.engine.StoredBaseline;
import com.dinsight.query.BatchedWrites;
import com.dinsight.query.ReadModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code monitor_data} (one row per point: {@code monitor_values} the raw row from the
 * rows blob, {@code x_values}/{@code y_values} one-element arrays with its 2D point, the scores and
 * the row's metadata in {@code metadata}), {@code anomalies} (one row per anomalous point),
 * {@code baselines} and {@code anomaly_thresholds}. Everything comes from the events and the blobs
 * they name; nothing is recomputed. The points of a processor batch's events are inserted together
 * ({@link BatchedWrites}, decision 48): under single-row posts that is one round trip per batch
 * instead of two per post.
 */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class MonitoringProjection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PENDING_COUNTS = MonitoringProjection.class.getName() + ".pendingCounts";
    private static final String PENDING_POINTS = MonitoringProjection.class.getName() + ".pendingPoints";
    /** Points collected before they are written, whatever the batch's size; a post has at most 500 per event. */
    private static final int MAX_PENDING_POINTS = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BlobStore blobs;
    private final QueryUpdateEmitter updates;
    /** The rows blob read last; one record, as the live and a shadow processor may use it at once. */
    private volatile RawRows cachedRaw;

    private record RawRows(String sha256, double[] values) {
    }

    MonitoringProjection(JdbcClient jdbc, JdbcTemplate template, BlobStore blobs, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.template = template;
        this.blobs = blobs;
        this.updates = updates;
    }

    @EventHandler
    void on(BaselineRegistered event) throws IOException {
        BaselineModel model = StoredBaseline.fromBytes(blobs.read(event.result().sha256())).model();
        double[] centroid = model.centroid();
        jdbc.sql("""
                        INSERT INTO baselines (dinsight_id, analysis_id, dataset_id, owner_id, md_threshold, z_threshold,
                            centroid_x, centroid_y, detection_method, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dinsight_id) DO NOTHING""")
                .params(event.dinsightId(), event.analysisId(), event.datasetId(), event.ownerId(), model.mdThreshold(),
                        model.zThreshold(), centroid[0], centroid[1], model.config().detectionMethod(),
                        Timestamp.from(event.registeredAt()))
                .update();
    }

    @EventHandler
    void on(MonitoringRecorded event) {
        double[] raw = event.inlineValues() == null ? raw(event.rawValues()) : event.inlineRows();
        int offset = event.inlineValues() == null ? event.rawOffset() : 0;
        List<MonitoringPoint> points = event.points();
        PendingPoints pending = BatchedWrites.collect(PENDING_POINTS, PendingPoints::new,
                collected -> collected.add(event, raw, offset), this::write);
        if (pending.points.size() >= MAX_PENDING_POINTS) {
            BatchedWrites.flush(); // the raw rows of every pending point stay in memory until written
        }
        int lastOrder = points.stream().mapToInt(MonitoringPoint::processOrder).max().orElse(-1);
        count(new PointCount(event.dinsightId(), event.datasetId(), lastOrder + 1L, Timestamp.from(event.recordedAt())));
        // sent to live subscribers once this batch commits; a replayed event was sent when it happened
        if (ReadModel.pushesLiveUpdates()) {
            for (MonitoringPoint point : points) {
                updates.emit(StreamMonitorPoints.class, query -> query.dinsightId().equals(event.dinsightId()),
                        new MonitorPointView(point.monitorId(), point.processOrder(), point.x(), point.y(),
                                pointMetadata(point), event.recordedAt()));
            }
        }
    }

    /** One point of an event, with the event's raw rows and where its own row starts in them. */
    private record PendingPoint(MonitoringRecorded event, MonitoringPoint point, double[] raw, int rawStart) {
    }

    /** The points of a batch's events, for monitor_data, and the anomalous ones, for anomalies. */
    private static final class PendingPoints {

        final List<PendingPoint> points = new ArrayList<>();
        final List<PendingPoint> anomalous = new ArrayList<>();

        void add(MonitoringRecorded event, double[] raw, int offset) {
            List<MonitoringPoint> eventPoints = event.points();
            for (int i = 0; i < eventPoints.size(); i++) {
                MonitoringPoint point = eventPoints.get(i);
                PendingPoint pending = new PendingPoint(event, point, raw, (offset + i) * event.features());
                points.add(pending);
                if (point.anomalous()) {
                    anomalous.add(pending);
                }
            }
        }
    }

    private void write(PendingPoints pending) {
        template.batchUpdate("""
                        INSERT INTO monitor_data (id, dinsight_id, monitor_values, x_values, y_values, metadata, process_order,
                            created_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING""",
                pending.points, pending.points.size(), (ps, row) -> {
                    MonitoringPoint point = row.point();
                    int m = row.event().features();
                    ps.setObject(1, point.monitorId());
                    ps.setObject(2, row.event().dinsightId());
                    // primitive arrays travel in the driver's binary array encoding, no number formatting
                    ps.setObject(3, Arrays.copyOfRange(row.raw(), row.rawStart(), row.rawStart() + m));
                    ps.setObject(4, new double[] {point.x()});
                    ps.setObject(5, new double[] {point.y()});
                    ps.setString(6, json(pointMetadata(point)));
                    ps.setInt(7, point.processOrder());
                    ps.setTimestamp(8, Timestamp.from(row.event().recordedAt()));
                });
        if (pending.anomalous.isEmpty()) {
            return; // healthy rows: no statement for anomalies
        }
        template.batchUpdate("""
                        INSERT INTO anomalies (id, analysis_id, dataset_id, timestamp, severity, distance, threshold, features,
                            metadata, acknowledged, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, false, ?) ON CONFLICT (id) DO NOTHING""",
                pending.anomalous, pending.anomalous.size(), (ps, row) -> {
                    MonitoringPoint point = row.point();
                    MonitoringRecorded event = row.event();
                    ps.setObject(1, point.anomalyId());
                    ps.setObject(2, event.analysisId());
                    ps.setObject(3, event.datasetId());
                    ps.setTimestamp(4, Timestamp.from(point.timestamp()));
                    ps.setString(5, point.severity());
                    ps.setDouble(6, point.mahalanobisDistance());
                    ps.setDouble(7, point.mdThreshold());
                    ps.setString(8, json(point.contributing().stream().map(c -> Map.of("name", c.feature(),
                            "value", c.value(), "baseline_mean", c.baselineMean(), "z", c.z())).toList()));
                    Map<String, Object> metadata = new LinkedHashMap<>(point.metadata());
                    metadata.put("monitor_id", point.monitorId().toString());
                    metadata.put("dinsight_id", event.dinsightId().toString());
                    metadata.put("process_order", point.processOrder());
                    metadata.put("zmax", point.zmax());
                    metadata.put("z_threshold", point.zThreshold());
                    metadata.put("dinsight_x", point.x());
                    metadata.put("dinsight_y", point.y());
                    ps.setString(9, json(metadata));
                    ps.setTimestamp(10, Timestamp.from(event.recordedAt()));
                });
    }

    /** What monitoring_counts learns from one event: the points so far (max process order + 1) and the latest. */
    private record PointCount(UUID dinsightId, UUID datasetId, long points, Timestamp lastPointAt) {

        PointCount max(PointCount other) {
            return new PointCount(dinsightId, datasetId, Math.max(points, other.points),
                    lastPointAt.after(other.lastPointAt) ? lastPointAt : other.lastPointAt);
        }
    }

    /**
     * One upsert per baseline per batch of events, not per event: a processor batch of single-row posts
     * touched the same monitoring_counts row once per post (decision 44).
     */
    private void count(PointCount count) {
        BatchedWrites.collect(PENDING_COUNTS, LinkedHashMap<UUID, PointCount>::new,
                counts -> counts.merge(count.dinsightId(), count, PointCount::max),
                counts -> writeCounts(List.copyOf(counts.values())));
    }

    private void writeCounts(List<PointCount> counts) {
        template.batchUpdate("""
                        INSERT INTO monitoring_counts (dinsight_id, dataset_id, points, last_point_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (dinsight_id) DO UPDATE SET points = greatest(monitoring_counts.points, EXCLUDED.points),
                            last_point_at = greatest(monitoring_counts.last_point_at, EXCLUDED.last_point_at)""",
                counts, counts.size(), (ps, count) -> {
                    ps.setObject(1, count.dinsightId());
                    ps.setObject(2, count.datasetId());
                    ps.setLong(3, count.points());
                    ps.setTimestamp(4, count.lastPointAt());
                });
    }

    @EventHandler
    void on(AnomalyAcknowledged event) {
        BatchedWrites.flush(); // the anomaly may be pending in this batch
        jdbc.sql("UPDATE anomalies SET acknowledged = true, acknowledged_by = ?, acknowledged_at = ? WHERE id = ?")
                .params(event.acknowledgedBy(), Timestamp.from(event.acknowledgedAt()), event.anomalyId()).update();
    }

    @EventHandler
    void on(ThresholdsChanged event) {
        jdbc.sql("""
                        INSERT INTO anomaly_thresholds (dataset_id, anomaly_threshold, sensitivity_factor, updated_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (dataset_id) DO UPDATE SET anomaly_threshold = EXCLUDED.anomaly_threshold,
                            sensitivity_factor = EXCLUDED.sensitivity_factor, updated_at = EXCLUDED.updated_at""")
                .params(event.datasetId(), event.anomalyThreshold(), event.sensitivityFactor(),
                        Timestamp.from(event.changedAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE monitor_data, anomalies, baselines, anomaly_thresholds, monitoring_counts CASCADE").update();
        cachedRaw = null;
    }

    /** The scores and the row's own metadata, as monitor_data.metadata. */
    static Map<String, Object> pointMetadata(MonitoringPoint point) {
        Map<String, Object> metadata = new LinkedHashMap<>(point.metadata());
        metadata.put("timestamp", point.timestamp().toString());
        metadata.put("mahalanobis_distance", point.mahalanobisDistance());
        metadata.put("zmax", point.zmax());
        metadata.put("anomalous", point.anomalous());
        metadata.put("severity", point.severity());
        metadata.put("md_threshold", point.mdThreshold());
        metadata.put("z_threshold", point.zThreshold());
        metadata.put("anomaly_id", point.anomalyId() == null ? null : point.anomalyId().toString());
        return metadata;
    }

    /** One post's rows blob serves its several events: the last one read is kept. */
    private double[] raw(StoredFile file) {
        RawRows cached = cachedRaw;
        if (cached != null && cached.sha256().equals(file.sha256())) {
            return cached.values();
        }
        try {
            DoubleBuffer doubles = ByteBuffer.wrap(blobs.read(file.sha256())).asDoubleBuffer();
            double[] values = new double[doubles.remaining()];
            doubles.get(values);
            cachedRaw = new RawRows(file.sha256(), values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the monitoring rows " + file.sha256(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
