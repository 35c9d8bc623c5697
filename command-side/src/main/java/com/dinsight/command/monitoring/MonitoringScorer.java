package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.monitoring.Contribution;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.MonitoringReport;
import com.dinsight.engine.RowScore;
import com.dinsight.engine.ScoringOptions;
import com.dinsight.engine.StoredBaseline;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Places and scores monitoring rows against a baseline with the engine (sections 2 and 3) and
 * turns them into points for the event. A row's time is its {@code timestamp} column (ISO 8601)
 * when it has one, else the time the command side received it.
 */
@Component
class MonitoringScorer {

    static final String TIMESTAMP = "timestamp";

    private final DInsightEngine engine = new DInsightEngine();
    private final Clock clock;

    MonitoringScorer(Clock clock) {
        this.clock = clock;
    }

    List<MonitoringPoint> score(FeatureTable rows, StoredBaseline baseline, Thresholds thresholds) {
        MonitoringReport report = engine.monitor(rows, baseline.model(),
                new ScoringOptions(thresholds.anomalyThreshold(), thresholds.sensitivityFactor()));
        Instant received = clock.instant();
        List<String> metadataNames = rows.metadataNames();
        List<MonitoringPoint> points = new ArrayList<>(rows.rows());
        for (int r = 0; r < rows.rows(); r++) {
            RowScore score = report.rows().get(r);
            Map<String, String> metadata = new LinkedHashMap<>();
            List<String> cells = rows.metadata(r);
            for (int k = 0; k < metadataNames.size(); k++) {
                if (cells.get(k) != null) {
                    metadata.put(metadataNames.get(k), cells.get(k));
                }
            }
            List<Contribution> contributing = score.contributing().stream()
                    .map(f -> new Contribution(f.name(), f.value(), f.baselineMean(), f.z())).toList();
            points.add(new MonitoringPoint(UUID.randomUUID(), 0, timestamp(metadata, r, received), score.x(), score.y(),
                    score.mahalanobisDistance(), score.zmax(), score.anomalous(),
                    score.anomalous() ? score.severity().label() : null, score.mdThreshold(), score.zThreshold(),
                    contributing, metadata, score.anomalous() ? UUID.randomUUID() : null));
        }
        return points;
    }

    private static Instant timestamp(Map<String, String> metadata, int row, Instant received) {
        String value = metadata.get(TIMESTAMP);
        if (value == null || value.isBlank()) {
            return received;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(List.of(new FieldError("rows[" + row + "].timestamp",
                        "must be an ISO 8601 time such as 2026-11-25T10:15:30Z, was '" + value + "'")));
            }
        }
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
