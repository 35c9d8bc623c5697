package com.dinsight.command.alert;

import com.dinsight.api.Caller;
import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertRuleCreated;
import com.dinsight.api.alert.AlertRuleDeleted;
import com.dinsight.api.alert.AlertRuleUpdated;
import com.dinsight.api.alert.AlertWindow;
import com.dinsight.api.alert.CreateAlertRule;
import com.dinsight.api.alert.DeleteAlertRule;
import com.dinsight.api.alert.UpdateAlertRule;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T12:00:00Z");
    private static final UUID RULE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final Caller OWNER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "user");
    private static final Caller STRANGER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000b"), "user");
    private static final String SECRET = "a-secret-of-some-length";
    private static final AlertCondition DISTANCE = new AlertCondition("mahalanobis_distance", "greater_than", 5.0, null);
    private static final AlertAction HOOK = new AlertAction("webhook", "https://ops.example.com/hook", null);
    private static final AlertAction MAIL = new AlertAction("email", null, "ops@example.com");
    private static final AlertRuleCreated CREATED = new AlertRuleCreated(RULE, DATASET, OWNER.userId(), "Distance",
            DISTANCE, List.of(HOOK), "high", true, true, EARLIER);

    private AggregateTestFixture<AlertRule> fixture;
    private final Map<UUID, String> secrets = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AlertRule.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new RuleSecrets() {
            @Override
            public void put(UUID ruleId, String secret) {
                secrets.put(ruleId, secret);
            }

            @Override
            public Optional<String> get(UUID ruleId) {
                return Optional.ofNullable(secrets.get(ruleId));
            }
        });
    }

    private CreateAlertRule create(AlertCondition condition, List<AlertAction> actions, String severity, String secret) {
        return new CreateAlertRule(RULE, OWNER, DATASET, OWNER.userId(), " Distance ", condition, actions, severity, null,
                secret);
    }

    @Test
    void creating_a_rule_keeps_the_webhook_secret_out_of_the_event() {
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("mahalanobis_distance", "greater_than", 5, null), List.of(HOOK), "high", SECRET))
                .expectEvents(new AlertRuleCreated(RULE, DATASET, OWNER.userId(), "Distance", DISTANCE, List.of(HOOK),
                        "high", true, true, NOW));
        assertThat(secrets).containsEntry(RULE, SECRET);
    }

    @Test
    void a_rule_an_admin_creates_on_someone_elses_dataset_belongs_to_the_datasets_owner() {
        Caller admin = new Caller(UUID.fromString("00000000-0000-0000-0000-0000000000ad"), Caller.ADMIN);
        fixture.givenNoPriorActivity()
                .when(new CreateAlertRule(RULE, admin, DATASET, OWNER.userId(), "Distance", DISTANCE, List.of(), "high",
                        null, null))
                .expectEvents(new AlertRuleCreated(RULE, DATASET, OWNER.userId(), "Distance", DISTANCE, List.of(),
                        "high", true, false, NOW));
    }

    @Test
    void a_rule_without_severity_raises_medium_alerts_and_starts_active() {
        AlertCondition severity = new AlertCondition("severity", "at_least", "high", null);
        fixture.givenNoPriorActivity()
                .when(create(severity, List.of(MAIL), null, null))
                .expectEvents(new AlertRuleCreated(RULE, DATASET, OWNER.userId(), "Distance", severity, List.of(MAIL),
                        "medium", true, false, NOW));
    }

    @Test
    void an_anomaly_rate_rule_needs_a_fraction_and_one_window() {
        AlertCondition rate = new AlertCondition("anomaly_rate", "greater_than_or_equal", 0.2, new AlertWindow(20, null));
        fixture.givenNoPriorActivity().when(create(rate, List.of(), "low", null)).expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("anomaly_rate", "greater_than", 1.5, new AlertWindow(20, null)), List.of(), "low", null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.value"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("anomaly_rate", "greater_than", 0.5, new AlertWindow(20, 5)), List.of(), "low", null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.window"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("anomaly_rate", "greater_than", 0.5, new AlertWindow(null, 0)), List.of(), "low", null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.window.minutes"));
    }

    @Test
    void every_invalid_field_is_named() {
        fixture.givenNoPriorActivity()
                .when(new CreateAlertRule(RULE, OWNER, null, null, " ", null, List.of(), null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "dataset_id"))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "name"))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("temperature", "greater_than", 1.0, null), List.of(), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.metric"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("mahalanobis_distance", "above", 1.0, null), List.of(), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.operator"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("mahalanobis_distance", "greater_than", "far", null), List.of(), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.value"));
        fixture.givenNoPriorActivity()
                .when(create(new AlertCondition("severity", "at_least", "severe", null), List.of(), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "condition.value"));
        fixture.givenNoPriorActivity()
                .when(create(DISTANCE, List.of(new AlertAction("webhook", "ftp://x", null)), null, SECRET))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "actions[0].url"));
        fixture.givenNoPriorActivity()
                .when(create(DISTANCE, List.of(MAIL, new AlertAction("email", null, "not-an-address")), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "actions[1].to"));
        fixture.givenNoPriorActivity()
                .when(create(DISTANCE, List.of(new AlertAction("sms", null, null)), null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "actions[0].type"));
        fixture.givenNoPriorActivity()
                .when(create(DISTANCE, List.of(), "urgent", null))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "severity"));
        fixture.givenNoPriorActivity()
                .when(create(DISTANCE, List.of(HOOK), null, "short"))
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "actions.secret"));
    }

    @Test
    void an_update_keeps_the_fields_it_leaves_out_and_deactivates() {
        fixture.given(CREATED)
                .when(new UpdateAlertRule(RULE, OWNER, null, null, null, null, false, null))
                .expectEvents(new AlertRuleUpdated(RULE, DATASET, "Distance", DISTANCE, List.of(HOOK), "high", false, true, NOW));
    }

    @Test
    void adding_a_webhook_to_a_rule_without_a_secret_needs_one() {
        AlertRuleCreated mailOnly = new AlertRuleCreated(RULE, DATASET, OWNER.userId(), "Distance", DISTANCE,
                List.of(MAIL), "high", true, false, EARLIER);
        fixture.given(mailOnly)
                .when(new UpdateAlertRule(RULE, OWNER, null, null, List.of(MAIL, HOOK), null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "actions.secret"));
    }

    @Test
    void another_users_rule_does_not_exist_for_them() {
        fixture.given(CREATED)
                .when(new UpdateAlertRule(RULE, STRANGER, "Mine", null, null, null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
        fixture.given(CREATED)
                .when(new DeleteAlertRule(RULE, STRANGER))
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
    }

    @Test
    void a_deleted_rule_answers_as_if_it_never_existed() {
        fixture.given(CREATED, new AlertRuleDeleted(RULE, DATASET, EARLIER))
                .when(new UpdateAlertRule(RULE, OWNER, "Back", null, null, null, null, null))
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
        fixture.given(CREATED)
                .when(new DeleteAlertRule(RULE, OWNER))
                .expectEvents(new AlertRuleDeleted(RULE, DATASET, NOW));
    }
}
