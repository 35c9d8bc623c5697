package com.dinsight.command.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.Caller;
import com.dinsight.app.DinsightApplication;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.monitoring.AcknowledgeAnomaly;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.RegisterBaseline;
import com.dinsight.testsupport.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In the aggregate's package, to see its fields; the application started as in production (command role).
 * A baseline with more events than the snapshot threshold, built through the command bus and stored
 * in PostgreSQL with the application's serializer, is the same aggregate whether it is loaded from
 * its latest snapshot plus the events after it, or from all its events.
 */
@SpringBootTest(classes = DinsightApplication.class, properties = {"dinsight.roles=command", "dinsight.snapshots.monitored-baseline-threshold=5"})
@FreshDatabase
class MonitoredBaselineSnapshotTest {

    private static final int POSTS = 12;
    private static final int POINTS_PER_POST = 2;

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    JdbcClient jdbc;

    @Test
    void loading_from_a_snapshot_equals_loading_from_the_events() {
        UUID dinsightId = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        Caller caller = new Caller(owner, Caller.USER);
        commands.sendAndWait(new RegisterBaseline(dinsightId, UUID.randomUUID(), UUID.randomUUID(), owner,
                new StoredFile("result", "ab".repeat(32), 1234)));
        List<UUID> anomalies = new ArrayList<>();
        for (int post = 0; post < POSTS; post++) {
            List<MonitoringPoint> points = points(post);
            points.stream().map(MonitoringPoint::anomalyId).filter(id -> id != null).forEach(anomalies::add);
            commands.sendAndWait(new RecordMonitoring(dinsightId, caller, points, null,
                    new double[] {post, 1, post, 2}));
            if (post % 4 == 3) {
                commands.sendAndWait(new AcknowledgeAnomaly(dinsightId, anomalies.get(anomalies.size() - 1), caller));
            }
        }
        // snapshots are built apart from the commands (decision 34): wait until the last one is written,
        // then two more posts (fewer than the threshold, so no new snapshot) make events after it
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = snapshotSequence(dinsightId);
            return now >= 10 && seen.getAndSet(now) == now;
        });
        for (int post = POSTS; post < POSTS + 2; post++) {
            commands.sendAndWait(new RecordMonitoring(dinsightId, caller, points(post), null,
                    new double[] {post, 1, post, 2}));
        }
        long lastSequence = POSTS + 2 + POSTS / 4; // registration is 0
        DomainEventMessage<?> first = eventStore.readEvents(dinsightId.toString()).next();
        assertThat(first.getPayloadType()).isEqualTo(MonitoredBaseline.class);
        assertThat(first.getSequenceNumber()).isLessThan(lastSequence);

        MonitoredBaseline fromSnapshot = load(dinsightId);
        jdbc.sql("DELETE FROM axon.snapshot_event_entry WHERE aggregateIdentifier = ?")
                .param(dinsightId.toString()).update();
        assertThat(eventStore.readEvents(dinsightId.toString()).next().getPayloadType())
                .isNotEqualTo(MonitoredBaseline.class);
        MonitoredBaseline fromEvents = load(dinsightId);

        assertThat(fromEvents).extracting("nextOrder").isEqualTo((POSTS + 2) * POINTS_PER_POST);
        assertThat(fromEvents).extracting("acknowledged").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(UUID.class)).hasSize(POSTS / 4);
        assertThat(fromSnapshot).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(fromEvents);
    }

    /** Loads through a repository without the application's cache, so the event store is read each time. */
    private MonitoredBaseline load(UUID dinsightId) {
        EventSourcingRepository<MonitoredBaseline> repository = EventSourcingRepository.builder(MonitoredBaseline.class)
                .eventStore(eventStore)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(MonitoredBaseline.class))
                .build();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return repository.load(dinsightId.toString()).invoke(baseline -> baseline);
        } finally {
            unitOfWork.rollback();
        }
    }

    private long snapshotSequence(UUID dinsightId) {
        return jdbc.sql("SELECT coalesce(max(sequenceNumber), -1) FROM axon.snapshot_event_entry WHERE aggregateIdentifier = ?")
                .param(dinsightId.toString()).query(Long.class).single();
    }

    private static List<MonitoringPoint> points(int post) {
        List<MonitoringPoint> points = new ArrayList<>();
        for (int i = 0; i < POINTS_PER_POST; i++) {
            boolean anomalous = i == 1;
            points.add(new MonitoringPoint(UUID.randomUUID(), 0, Instant.parse("2026-11-25T10:00:00Z").plusSeconds(post),
                    post, i, anomalous ? 9.5 : 1.2, anomalous ? 4.1 : 0.3, anomalous, anomalous ? "high" : "normal",
                    3.0, 3.5, List.of(), Map.of("line", Integer.toString(post)), anomalous ? UUID.randomUUID() : null));
        }
        return points;
    }
}
