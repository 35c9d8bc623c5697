package com.dinsight.command.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AcknowledgeAlert;
import com.dinsight.api.alert.AlertAcknowledged;
import com.dinsight.api.alert.AlertDeliveryAttempted;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.AlertResolved;
import com.dinsight.api.alert.AlertUpdated;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.api.alert.RaiseAlert;
import com.dinsight.api.alert.RecordAlertDelivery;
import com.dinsight.api.alert.ResolveAlert;
import com.dinsight.api.alert.UpdateAlert;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-25T11:00:01Z");
    private static final Instant T3 = Instant.parse("2026-11-25T11:00:02Z");
    private static final UUID ALERT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID RULE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final UUID BASELINE = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID ANOMALY = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final Caller OWNER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "user");
    private static final Caller STRANGER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000b"), "user");
    private static final Caller ADMIN = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000c"), "admin");

    private static final MatchedPoint P1 = new MatchedPoint(UUID.fromString("00000000-0000-0000-0000-000000000001"),
            BASELINE, 1, T1, 9.5, true, "medium", ANOMALY);
    private static final MatchedPoint P2 = new MatchedPoint(UUID.fromString("00000000-0000-0000-0000-000000000002"),
            BASELINE, 2, T2, 4.0, false, null, null);
    private static final MatchedPoint P3 = new MatchedPoint(UUID.fromString("00000000-0000-0000-0000-000000000003"),
            BASELINE, 3, T3, 20.0, true, "critical", UUID.fromString("00000000-0000-0000-0000-0000000000f3"));

    private static final AlertRaised RAISED = new AlertRaised(ALERT, RULE, DATASET, OWNER.userId(), "Distance", "high",
            ANOMALY, 1, T1, T1, "medium", List.of(P1), Map.of(BASELINE, 1), T1);

    private AggregateTestFixture<Alert> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alert.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void raising_an_alert_records_its_points_first_anomaly_and_worst_severity() {
        fixture.givenNoPriorActivity()
                .when(new RaiseAlert(ALERT, RULE, DATASET, OWNER.userId(), "Distance", "high", List.of(P2, P1)))
                .expectEvents(new AlertRaised(ALERT, RULE, DATASET, OWNER.userId(), "Distance", "high", ANOMALY, 2, T1,
                        T2, "medium", List.of(P1, P2), Map.of(BASELINE, 2), NOW));
    }

    @Test
    void further_matches_while_open_update_the_alert_with_count_last_seen_and_worst_severity() {
        fixture.given(RAISED)
                .when(new UpdateAlert(ALERT, List.of(P2, P3)))
                .expectResultMessagePayload(true)
                .expectEvents(new AlertUpdated(ALERT, DATASET, 2, 3, T3, "critical", List.of(P2, P3),
                        Map.of(BASELINE, 3), NOW));
    }

    @Test
    void points_the_alert_already_counted_are_not_counted_again() {
        fixture.given(RAISED)
                .when(new UpdateAlert(ALERT, List.of(P1)))
                .expectResultMessagePayload(true)
                .expectNoEvents();
    }

    @Test
    void an_acknowledged_alert_still_takes_updates() {
        fixture.given(RAISED, new AlertAcknowledged(ALERT, DATASET, OWNER.userId(), "on it", T2))
                .when(new UpdateAlert(ALERT, List.of(P3)))
                .expectResultMessagePayload(true)
                .expectEvents(new AlertUpdated(ALERT, DATASET, 1, 2, T3, "critical", List.of(P3), Map.of(BASELINE, 3), NOW));
    }

    @Test
    void a_resolved_alert_takes_no_updates_so_the_policy_raises_a_new_one() {
        fixture.given(RAISED, new AlertResolved(ALERT, RULE, DATASET, OWNER.userId(), "fixed", T2))
                .when(new UpdateAlert(ALERT, List.of(P3)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void the_owner_acknowledges_an_active_alert_with_a_message() {
        fixture.given(RAISED)
                .when(new AcknowledgeAlert(ALERT, OWNER, " looking at pump 7 "))
                .expectEvents(new AlertAcknowledged(ALERT, DATASET, OWNER.userId(), "looking at pump 7", NOW));
    }

    @Test
    void acknowledging_twice_is_a_conflict() {
        fixture.given(RAISED, new AlertAcknowledged(ALERT, DATASET, OWNER.userId(), null, T2))
                .when(new AcknowledgeAlert(ALERT, OWNER, "again"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
    }

    @Test
    void an_active_alert_can_be_resolved_directly() {
        fixture.given(RAISED)
                .when(new ResolveAlert(ALERT, OWNER, "false alarm"))
                .expectEvents(new AlertResolved(ALERT, RULE, DATASET, OWNER.userId(), "false alarm", NOW));
    }

    @Test
    void an_acknowledged_alert_is_resolved() {
        fixture.given(RAISED, new AlertAcknowledged(ALERT, DATASET, OWNER.userId(), null, T2))
                .when(new ResolveAlert(ALERT, ADMIN, null))
                .expectEvents(new AlertResolved(ALERT, RULE, DATASET, ADMIN.userId(), null, NOW));
    }

    @Test
    void resolving_a_resolved_alert_is_refused() {
        fixture.given(RAISED, new AlertResolved(ALERT, RULE, DATASET, OWNER.userId(), "fixed", T2))
                .when(new ResolveAlert(ALERT, OWNER, "again"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
    }

    @Test
    void a_resolved_alert_cannot_be_acknowledged() {
        fixture.given(RAISED, new AlertResolved(ALERT, RULE, DATASET, OWNER.userId(), "fixed", T2))
                .when(new AcknowledgeAlert(ALERT, OWNER, "late"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
    }

    @Test
    void another_users_alert_does_not_exist_for_them() {
        fixture.given(RAISED)
                .when(new AcknowledgeAlert(ALERT, STRANGER, "mine now"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND));
        fixture.given(RAISED)
                .when(new ResolveAlert(ALERT, STRANGER, "mine now"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_message_longer_than_2000_characters_is_refused_naming_the_field() {
        fixture.given(RAISED)
                .when(new AcknowledgeAlert(ALERT, OWNER, "x".repeat(2001)))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void each_delivery_attempt_is_recorded_on_the_alert() {
        fixture.given(RAISED)
                .when(new RecordAlertDelivery(ALERT, 0, "webhook", "http://127.0.0.1/hook", 2, "retrying", 500, "HTTP 500"))
                .expectEvents(new AlertDeliveryAttempted(ALERT, DATASET, 0, "webhook", "http://127.0.0.1/hook", 2,
                        "retrying", 500, "HTTP 500", NOW));
    }
}
