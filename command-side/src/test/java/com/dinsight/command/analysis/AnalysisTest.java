package com.dinsight.command.analysis;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.AnalysisCompleted;
import com.dinsight.api.analysis.AnalysisFacts;
import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.CompleteAnalysis;
import com.dinsight.api.analysis.FailAnalysis;
import com.dinsight.api.analysis.ReportAnalysisProgress;
import com.dinsight.api.analysis.RunAnalysis;
import com.dinsight.api.analysis.StartAnalysis;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:10Z");
    private static final Instant REQUESTED = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID ANALYSIS = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID UPLOAD = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final List<StoredFile> FILES = List.of(new StoredFile("a.csv", "ab".repeat(32), 10));
    private static final AnalysisRequested REQUEST = new AnalysisRequested(ANALYSIS, UPLOAD, DATASET, USER, "baseline", 1,
            ProcessingConfig.defaults(), FILES, 42, REQUESTED);
    private static final AnalysisFacts FACTS = new AnalysisFacts(219, 1024, 98, 0.06, 0.005, true, 1, 2, 0.3, 42,
            "exact", 219, "standard", 1024, 0, 30);
    private static final StoredFile RESULT = new StoredFile("baseline-result", "cd".repeat(32), 100);

    private AggregateTestFixture<Analysis> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Analysis.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_requested_analysis_carries_the_configuration_the_files_and_a_seed_decided_here() {
        fixture.givenNoPriorActivity()
                .when(new RunAnalysis(ANALYSIS, UPLOAD, DATASET, new Caller(USER, "user"), 3, ProcessingConfig.defaults(), FILES))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        new TypeSafeMatcher<Object>(Object.class) {
                            @Override
                            protected boolean matchesSafely(Object event) {
                                return event instanceof AnalysisRequested requested && requested.configVersion() == 3
                                        && requested.files().equals(FILES) && requested.seed() >= 0
                                        && requested.requestedAt().equals(NOW) && requested.analysisType().equals("baseline");
                            }

                            @Override
                            public void describeTo(Description description) {
                                description.appendText("the request with version 3, the files and a seed");
                            }
                        }, Matchers.andNoMore())));
    }

    @Test
    void starting_again_after_a_worker_died_counts_the_attempt() {
        fixture.given(REQUEST, new AnalysisStarted(ANALYSIS, UPLOAD, 1, REQUESTED))
                .when(new StartAnalysis(ANALYSIS))
                .expectEvents(new AnalysisStarted(ANALYSIS, UPLOAD, 2, NOW))
                .expectResultMessagePayload(2);
    }

    @Test
    void completion_names_the_result_blob_and_a_new_dinsight_id_and_the_total_time() {
        fixture.given(REQUEST, new AnalysisStarted(ANALYSIS, UPLOAD, 1, REQUESTED))
                .when(new CompleteAnalysis(ANALYSIS, FACTS, RESULT))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        new TypeSafeMatcher<Object>(Object.class) {
                            @Override
                            protected boolean matchesSafely(Object event) {
                                return event instanceof AnalysisCompleted done && done.result().equals(RESULT)
                                        && done.facts().equals(FACTS) && done.totalMillis() == 10_000
                                        && done.dinsightId() != null && done.configVersion() == 1
                                        && USER.equals(done.requestedBy());
                            }

                            @Override
                            public void describeTo(Description description) {
                                description.appendText("the completion");
                            }
                        }, Matchers.andNoMore())));
    }

    @Test
    void an_ended_analysis_cannot_start_complete_or_fail_again() {
        AnalysisCompleted completed = new AnalysisCompleted(ANALYSIS, UPLOAD, DATASET, UUID.randomUUID(), 1, FACTS,
                RESULT, 10, REQUESTED, USER);
        fixture.given(REQUEST, completed).when(new StartAnalysis(ANALYSIS)).expectNoEvents().expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
        fixture.given(REQUEST, completed).when(new CompleteAnalysis(ANALYSIS, FACTS, RESULT)).expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
        fixture.given(REQUEST, new AnalysisFailed(ANALYSIS, UPLOAD, "bad", REQUESTED))
                .when(new FailAnalysis(ANALYSIS, "again")).expectNoEvents().expectExceptionDetails(Refused.with(ErrorCode.CONFLICT));
    }

    @Test
    void progress_is_recorded_only_while_processing_and_kept_within_0_and_1() {
        fixture.given(REQUEST, new AnalysisStarted(ANALYSIS, UPLOAD, 1, REQUESTED))
                .when(new ReportAnalysisProgress(ANALYSIS, 1.2, "optimise"))
                .expectEvents(new AnalysisProgressed(ANALYSIS, 1.0, "optimise", NOW));
        fixture.given(REQUEST)
                .when(new ReportAnalysisProgress(ANALYSIS, 0.5, "optimise"))
                .expectNoEvents();
    }
}
