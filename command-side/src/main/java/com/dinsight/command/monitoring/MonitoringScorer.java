package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.monitoring.Contribution;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.InvalidInputException;
import com.dinsight.engine.InvalidInputException.Reason;
import com.dinsight.engine.MonitoringReport;
import com.dinsight.engine.RowScore;
import com.dinsight.engine.ScoringOptions;
import com.dinsight.engine.StoredBaseline;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
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
 * turns them into points for the event. A row's time is its {@code timestamp} column (ISO 8601
 * with an offset) when it has one, else the time the command side received it.
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
            points.add(new MonitoringPoint(UUID.randomUUID(), 0, timestamp(rows, metadata, r, received), score.x(), score.y(),
                    score.mahalanobisDistance(), score.zmax(), score.anomalous(),
                    score.anomalous() ? score.severity().label() : null, score.mdThreshold(), score.zThreshold(),
                    contributing, metadata, score.anomalous() ? UUID.randomUUID() : null));
        }
        return points;
    }

    /**
     * The row's {@code timestamp}: ISO 8601 with an offset ({@code Z} or {@code +01:00}); a space
     * may stand for the {@code T}, as RFC 3339 allows. A time without an offset is refused rather
     * than guessed.
     */
    private static Instant timestamp(FeatureTable rows, Map<String, String> metadata, int row, Instant received) {
        String value = metadata.get(TIMESTAMP);
        if (value == null || value.isBlank()) {
            return received;
        }
        String text = value.trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            String problem;
            try {
                LocalDateTime.parse(text);
                problem = "has no UTC offset: add Z or +hh:mm, as in 2026-11-25T10:15:30Z";
            } catch (DateTimeParseException notLocal) {
                problem = "is not an ISO 8601 time such as 2026-11-25T10:15:30Z";
            }
            String message = "timestamp '" + value + "' " + problem;
            if (rows.sourceRow(row) > 0) {
                throw new InvalidInputException(Reason.BAD_VALUE, message, rows.source(), rows.sourceRow(row), TIMESTAMP);
            }
            throw ApiException.invalid(List.of(new FieldError("rows[" + row + "].timestamp", message)));
        }
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
