package com.dinsight.command.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import com.dinsight.api.monitoring.AcknowledgeAnomaly;
import com.dinsight.api.monitoring.AnomalyAcknowledged;
import com.dinsight.api.monitoring.BaselineRegistered;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.RecordMonitoringBatch;
import com.dinsight.api.monitoring.RecordedPost;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class MonitoredBaselineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID DINSIGHT = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID ANALYSIS = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final Caller OWNER = new Caller(UUID.fromString("00000000-0000-0000-0000-000000000001"), "user");
    private static final StoredFile RESULT = new StoredFile("baseline-result", "ab".repeat(32), 100);
    private static final StoredFile RAW = new StoredFile("monitoring-rows", "cd".repeat(32), 8L * 3 * 1200);
    private static final BaselineRegistered REGISTERED = new BaselineRegistered(DINSIGHT, ANALYSIS, DATASET,
            OWNER.userId(), RESULT, NOW);

    private AggregateTestFixture<MonitoredBaseline> fixture;
    private final List<UUID> indexed = new ArrayList<>();

    /** The index records what it is given; the fixture has no database, the HTTP tests use a real one. */
    private final class RecordingIndex extends AnomalyIndex {
        RecordingIndex() {
            super((JdbcClient) null);
        }

        @Override
        void add(UUID dinsightId, List<UUID> anomalyIds) {
            indexed.addAll(anomalyIds);
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MonitoredBaseline.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new RecordingIndex());
    }

    private static MonitoringPoint point(boolean anomalous) {
        return new MonitoringPoint(UUID.randomUUID(), 0, NOW, 1, 2, anomalous ? 9 : 1, 1, anomalous,
                anomalous ? "high" : null, 3.5, 10, List.of(), Map.of(), anomalous ? UUID.randomUUID() : null);
    }

    @Test
    void points_are_numbered_from_the_next_process_order_and_split_into_events_of_at_most_500() {
        List<MonitoringPoint> points = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            points.add(point(i % 100 == 0));
        }
        fixture.given(REGISTERED, new MonitoringRecorded(DINSIGHT, ANALYSIS, DATASET, List.of(point(false), point(false)),
                        RAW, 0, 3, NOW))
                .when(new RecordMonitoring(DINSIGHT, OWNER, points, RAW, null))
                .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                    @Override
                    protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                        if (events.size() != 3) {
                            return false;
                        }
                        int expected = 2;
                        int offset = 0;
                        for (Object message : events) {
                            MonitoringRecorded recorded = (MonitoringRecorded) ((EventMessage<?>) message).getPayload();
                            if (recorded.points().size() > 500 || recorded.rawOffset() != offset || recorded.features() != 3) {
                                return false;
                            }
                            for (MonitoringPoint p : recorded.points()) {
                                if (p.processOrder() != expected++) {
                                    return false;
                                }
                            }
                            offset += recorded.points().size();
                        }
                        return expected == 1202;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("three events numbering 1200 points from 2 on");
                    }
                });
        assertThat(indexed).hasSize(12);
    }

    @Test
    void another_user_is_told_the_baseline_does_not_exist() {
        fixture.given(REGISTERED)
                .when(new RecordMonitoring(DINSIGHT, new Caller(UUID.randomUUID(), "user"), List.of(point(false)), RAW, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_batch_numbers_its_posts_in_order_refuses_a_stranger_alone_and_keeps_each_post_metadata() {
        Caller stranger = new Caller(UUID.randomUUID(), "user");
        double[] row = {1, 2, 3};
        RecordMonitoringBatch batch = new RecordMonitoringBatch(DINSIGHT, List.of(
                new RecordMonitoringBatch.Post(new RecordMonitoring(DINSIGHT, OWNER, List.of(point(true)), null, row),
                        Map.of("userId", OWNER.userId().toString(), "ipAddress", "10.0.0.1")),
                new RecordMonitoringBatch.Post(new RecordMonitoring(DINSIGHT, stranger, List.of(point(false)), null, row),
                        Map.of("userId", stranger.userId().toString(), "ipAddress", "10.0.0.2")),
                new RecordMonitoringBatch.Post(new RecordMonitoring(DINSIGHT, OWNER, List.of(point(false)), null, row),
                        Map.of("userId", OWNER.userId().toString(), "ipAddress", "10.0.0.3"))));
        fixture.given(REGISTERED)
                .when(batch)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<List<RecordedPost>>() {
                    @Override
                    protected boolean matchesSafely(List<RecordedPost> outcomes) {
                        return outcomes.size() == 3
                                && outcomes.get(0).points().get(0).processOrder() == 0
                                && outcomes.get(1).refusal() != null && outcomes.get(1).refusal().code() == ErrorCode.NOT_FOUND
                                && outcomes.get(2).points().get(0).processOrder() == 1;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("orders 0 and 1 for the owner's posts, the stranger's refused");
                    }
                })
                .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                    @Override
                    protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                        return events.size() == 2
                                && "10.0.0.1".equals(((EventMessage<?>) events.get(0)).getMetaData().get("ipAddress"))
                                && "10.0.0.3".equals(((EventMessage<?>) events.get(1)).getMetaData().get("ipAddress"));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("two events, each with its own post's request metadata");
                    }
                });
        assertThat(indexed).hasSize(1);
    }

    @Test
    void an_anomaly_is_acknowledged_once() {
        UUID anomaly = UUID.randomUUID();
        fixture.given(REGISTERED)
                .when(new AcknowledgeAnomaly(DINSIGHT, anomaly, OWNER))
                .expectEvents(new AnomalyAcknowledged(DINSIGHT, anomaly, OWNER.userId(), NOW));
        fixture.given(REGISTERED, new AnomalyAcknowledged(DINSIGHT, anomaly, OWNER.userId(), NOW))
                .when(new AcknowledgeAnomaly(DINSIGHT, anomaly, OWNER))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
    }

}
