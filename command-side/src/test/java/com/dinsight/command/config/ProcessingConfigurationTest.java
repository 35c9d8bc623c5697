package com.dinsight.command.config;

import com.dinsight.api.config.ConfigChange;
import com.dinsight.api.config.ConfigUpdated;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.InitializeConfig;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.config.UpdateConfig;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessingConfigurationTest {

    private static final String ID = "processing-configuration";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T09:00:00Z");

    private AggregateTestFixture<ProcessingConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProcessingConfiguration.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ConfigChange change(Double gamma0, String optimizer, Double alpha) {
        return new ConfigChange(gamma0, optimizer, alpha, null, null, null, null, null);
    }

    private static ConfigChange columns(String endMeta, String startDim, String endDim) {
        return new ConfigChange(null, null, null, endMeta, startDim, endDim, null, null);
    }

    @Test
    void initializing_creates_version_1_with_the_seed_defaults() {
        fixture.givenNoPriorActivity()
                .when(new InitializeConfig(ID))
                .expectEvents(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), NOW));
    }

    @Test
    void a_valid_update_creates_the_next_version_carrying_the_whole_configuration() {
        ProcessingConfig expected = new ProcessingConfig(1e-6, "sgd", 0.5, "participant", "f_0", "f_1023",
                "standard", "hybrid", 1000, 2, 0.5, 1e-8, 0.9, 0.999, 0.5, 0.8, 0.04, 1, "auto", "kanadaSan", 0.3);
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER))
                .when(new UpdateConfig(ID, change(1e-6, "sgd", 0.5)))
                .expectEvents(new ConfigUpdated(ID, 2, expected, NOW))
                .expectResultMessagePayload(new ConfigVersion(2, expected, NOW));
    }

    @Test
    void versions_increase_by_one_with_each_update() {
        ProcessingConfig v2 = ProcessingConfig.defaults().with(change(null, "sgd", null));
        ProcessingConfig v3 = v2.with(columns("segID", "f_1", "f_10"));
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER),
                        new ConfigUpdated(ID, 2, v2, EARLIER))
                .when(new UpdateConfig(ID, columns("segID", "f_1", "f_10")))
                .expectEvents(new ConfigUpdated(ID, 3, v3, NOW));
    }

    @Test
    void fields_left_out_keep_the_values_of_the_current_version() {
        ProcessingConfig v2 = ProcessingConfig.defaults().with(change(2e-7, "sgd", 1.0));
        ProcessingConfig v3 = new ProcessingConfig(2e-7, "sgd", 1.0, "participant", "f_0", "f_1023", "none",
                "mahalanobis", 1000, 2, 0.5, 1e-8, 0.9, 0.999, 0.5, 0.8, 0.04, 1, "auto", "kanadaSan", 0.3);
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER),
                        new ConfigUpdated(ID, 2, v2, EARLIER))
                .when(new UpdateConfig(ID, new ConfigChange(null, null, null, null, null, null, "none", "mahalanobis")))
                .expectEvents(new ConfigUpdated(ID, 3, v3, NOW));
    }

    @Test
    void any_stored_version_resolves_to_its_whole_configuration_and_an_unknown_one_names_config_id() {
        ProcessingConfig v2 = ProcessingConfig.defaults().with(change(null, "sgd", null));
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER), new ConfigUpdated(ID, 2, v2, EARLIER))
                .when(new com.dinsight.api.config.ResolveConfig(ID, 1))
                .expectResultMessagePayload(new ConfigVersion(1, ProcessingConfig.defaults(), null));
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER), new ConfigUpdated(ID, 2, v2, EARLIER))
                .when(new com.dinsight.api.config.ResolveConfig(ID, null))
                .expectResultMessagePayload(new ConfigVersion(2, v2, null));
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER))
                .when(new com.dinsight.api.config.ResolveConfig(ID, 7))
                .expectNoEvents()
                .expectExceptionDetails(validationErrorFor("config_id"));
    }

    @Test
    void alpha_of_exactly_10_is_accepted() {
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER))
                .when(new UpdateConfig(ID, change(null, null, 10.0)))
                .expectSuccessfulHandlerExecution();
    }

    static Stream<Arguments> invalidChanges() {
        String longName = "f".repeat(256);
        return Stream.of(
                Arguments.of(change(0.0, null, null), "gamma0"),
                Arguments.of(change(-1e-7, null, null), "gamma0"),
                Arguments.of(change(Double.NaN, null, null), "gamma0"),
                Arguments.of(change(Double.POSITIVE_INFINITY, null, null), "gamma0"),
                Arguments.of(change(null, "rmsprop", null), "optimizer"),
                Arguments.of(change(null, "ADAM", null), "optimizer"),
                Arguments.of(change(null, null, 0.0), "alpha"),
                Arguments.of(change(null, null, -0.1), "alpha"),
                Arguments.of(change(null, null, 10.000001), "alpha"),
                Arguments.of(columns("", null, null), "end_meta"),
                Arguments.of(columns("  ", null, null), "end_meta"),
                Arguments.of(columns(null, longName, null), "start_dim"),
                Arguments.of(columns(null, null, ""), "end_dim"),
                Arguments.of(new ConfigChange(null, null, null, null, null, null, "minmax", null), "feature_scaling"),
                Arguments.of(new ConfigChange(null, null, null, null, null, null, null, "zscore"), "detection_method"),
                Arguments.of(new ConfigChange(null, null, null, null, null, null, null, null), "body"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("invalidChanges")
    void rejects_an_invalid_field_naming_it_and_stores_nothing(ConfigChange change, String field) {
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER))
                .when(new UpdateConfig(ID, change))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(validationErrorFor(field));
    }

    @Test
    void reports_every_invalid_field_at_once() {
        fixture.given(new ConfigUpdated(ID, 1, ProcessingConfig.defaults(), EARLIER))
                .when(new UpdateConfig(ID, new ConfigChange(0.0, "x", 11.0, "", "", "", "x", "x")))
                .expectNoEvents()
                .expectExceptionDetails(validationErrorFor("gamma0", "alpha", "optimizer", "feature_scaling",
                        "detection_method", "end_meta", "start_dim", "end_dim"));
    }

    /** Matches a {@link BusinessError} with code VALIDATION_ERROR naming exactly these fields, in order. */
    private static Matcher<Object> validationErrorFor(String... fields) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object details) {
                return details instanceof BusinessError error
                        && error.code() == ErrorCode.VALIDATION_ERROR
                        && error.errors().stream().map(FieldError::field).toList().equals(List.of(fields))
                        && error.errors().stream().allMatch(e -> !e.message().isBlank());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a validation error naming " + List.of(fields));
            }
        };
    }
}
