package com.dinsight.command.monitoring;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.monitoring.AcknowledgeAnomaly;
import com.dinsight.api.monitoring.AnomalyAcknowledged;
import com.dinsight.api.monitoring.BaselineDescription;
import com.dinsight.api.monitoring.BaselineRegistered;
import com.dinsight.api.monitoring.DescribeBaseline;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.RecordMonitoringBatch;
import com.dinsight.api.monitoring.RecordedPost;
import com.dinsight.api.monitoring.RegisterBaseline;
import com.dinsight.command.error.Refusals;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A baseline that monitoring rows are placed on. It numbers the points it receives (process order,
 * gap-free and in arrival order, also under concurrent posts: the aggregate is the lock) and
 * records anomaly acknowledgements. Its stream grows with every post, so it is snapshotted and
 * cached (decision 23); its fields are what a snapshot holds.
 */
@Aggregate(snapshotTriggerDefinition = "monitoredBaselineSnapshots", cache = "monitoredBaselineCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class MonitoredBaseline {

    static final int POINTS_PER_EVENT = 500;

    @AggregateIdentifier
    private UUID dinsightId;
    private UUID analysisId;
    private UUID datasetId;
    private UUID ownerId;
    private StoredFile result;
    private int nextOrder;
    private Set<UUID> acknowledged = new HashSet<>();

    MonitoredBaseline() {
        // for Axon and snapshots
    }

    /** For a snapshot: a copy the commands that follow do not change. */
    MonitoredBaseline copy() {
        MonitoredBaseline copy = new MonitoredBaseline();
        copy.dinsightId = dinsightId;
        copy.analysisId = analysisId;
        copy.datasetId = datasetId;
        copy.ownerId = ownerId;
        copy.result = result;
        copy.nextOrder = nextOrder;
        copy.acknowledged = new HashSet<>(acknowledged);
        return copy;
    }

    @CommandHandler
    MonitoredBaseline(RegisterBaseline command, Clock clock) {
        apply(new BaselineRegistered(command.dinsightId(), command.analysisId(), command.datasetId(), command.ownerId(),
                command.result(), clock.instant()));
    }

    @CommandHandler
    BaselineDescription handle(DescribeBaseline command) {
        requireVisibleTo(command.caller());
        return new BaselineDescription(dinsightId, analysisId, datasetId, ownerId, result, nextOrder);
    }

    /** Numbers the points from the next process order on and answers them so numbered. */
    @CommandHandler
    List<MonitoringPoint> handle(RecordMonitoring command, AnomalyIndex anomalies, Clock clock) {
        requireVisibleTo(command.caller());
        List<MonitoringPoint> numbered = record(command, MetaData.emptyInstance(), clock.instant());
        anomalies.add(dinsightId, anomalyIds(numbered));
        return numbered;
    }

    /**
     * Records several posts in one unit of work, in the order given. A post the caller may not
     * see is refused on its own; the others are recorded.
     */
    @CommandHandler
    List<RecordedPost> handle(RecordMonitoringBatch batch, AnomalyIndex anomalies, Clock clock) {
        Instant now = clock.instant();
        List<RecordedPost> answers = new ArrayList<>(batch.posts().size());
        List<UUID> anomalous = new ArrayList<>();
        for (RecordMonitoringBatch.Post post : batch.posts()) {
            if (!visibleTo(post.command().caller())) {
                answers.add(RecordedPost.refused(hidden()));
                continue;
            }
            List<MonitoringPoint> numbered = record(post.command(), MetaData.from(post.metadata()), now);
            anomalous.addAll(anomalyIds(numbered));
            answers.add(RecordedPost.recorded(numbered));
        }
        anomalies.add(dinsightId, anomalous);
        return answers;
    }

    private List<MonitoringPoint> record(RecordMonitoring command, MetaData metadata, Instant now) {
        int features = 0;
        List<MonitoringPoint> numbered = new ArrayList<>(command.points().size());
        for (MonitoringPoint point : command.points()) {
            numbered.add(new MonitoringPoint(point.monitorId(), nextOrder + numbered.size(), point.timestamp(), point.x(),
                    point.y(), point.mahalanobisDistance(), point.zmax(), point.anomalous(), point.severity(),
                    point.mdThreshold(), point.zThreshold(), point.contributing(), point.metadata(), point.anomalyId()));
        }
        if (command.inlineValues() != null && !numbered.isEmpty()) {
            features = command.inlineValues().length / numbered.size();
        } else if (command.rawValues() != null && !numbered.isEmpty()) {
            features = (int) (command.rawValues().size() / Double.BYTES / numbered.size());
        }
        for (int from = 0; from < numbered.size(); from += POINTS_PER_EVENT) {
            int to = Math.min(numbered.size(), from + POINTS_PER_EVENT);
            List<MonitoringPoint> chunk = List.copyOf(numbered.subList(from, to));
            byte[] inline = command.inlineValues() == null ? null
                    : MonitoringRecorded.pack(command.inlineValues(), features, from, to);
            apply(new MonitoringRecorded(dinsightId, analysisId, datasetId, chunk, command.rawValues(), from, features,
                    now, inline), metadata);
        }
        return numbered;
    }

    private static List<UUID> anomalyIds(List<MonitoringPoint> points) {
        return points.stream().map(MonitoringPoint::anomalyId).filter(Objects::nonNull).toList();
    }

    @CommandHandler
    void handle(AcknowledgeAnomaly command, Clock clock) {
        requireVisibleTo(command.caller());
        if (acknowledged.contains(command.anomalyId())) {
            throw Refusals.refuse(new BusinessError(ErrorCode.CONFLICT,
                    "Anomaly " + command.anomalyId() + " is already acknowledged", List.of()));
        }
        apply(new AnomalyAcknowledged(dinsightId, command.anomalyId(), command.caller().userId(), clock.instant()));
    }

    private void requireVisibleTo(Caller caller) {
        if (!visibleTo(caller)) {
            throw Refusals.refuse(hidden());
        }
    }

    private boolean visibleTo(Caller caller) {
        return caller.isAdmin() || caller.userId().equals(ownerId);
    }

    private BusinessError hidden() {
        return new BusinessError(ErrorCode.NOT_FOUND, "Baseline " + dinsightId + " does not exist", List.of());
    }

    @EventSourcingHandler
    void on(BaselineRegistered event) {
        dinsightId = event.dinsightId();
        analysisId = event.analysisId();
        datasetId = event.datasetId();
        ownerId = event.ownerId();
        result = event.result();
    }

    @EventSourcingHandler
    void on(MonitoringRecorded event) {
        nextOrder += event.points().size();
    }

    @EventSourcingHandler
    void on(AnomalyAcknowledged event) {
        acknowledged.add(event.anomalyId());
    }
}
