package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaselineModelCodecTest {

    @Test
    void a_model_read_back_projects_and_scores_exactly_as_the_original() {
        try (DInsightEngine engine = new DInsightEngine(2)) {
            EmbeddingResult r = engine.embed(SharedData.baseline(), EngineConfig.defaults(), 9);
            byte[] bytes = BaselineModelCodec.toBytes(r.model());
            BaselineModel back = BaselineModelCodec.fromBytes(bytes);
            assertThat(BaselineModelCodec.toBytes(back)).isEqualTo(bytes);
            MonitoringReport a = engine.monitor(SharedData.monitoring(), r.model(), ScoringOptions.DEFAULT);
            MonitoringReport b = engine.monitor(SharedData.monitoring(), back, ScoringOptions.DEFAULT);
            assertThat(b).isEqualTo(a);
            Projection pa = engine.project(SharedData.monitoring(), r.model());
            Projection pb = engine.project(SharedData.monitoring(), back);
            assertThat(Arrays.equals(pa.x(), pb.x()) && Arrays.equals(pa.y(), pb.y())).isTrue();
            assertThat(back.config()).isEqualTo(r.model().config());
            assertThat(back.featureNames()).isEqualTo(r.model().featureNames());
        }
    }

    @Test
    void rejects_bytes_that_are_not_a_model() {
        assertThatThrownBy(() -> BaselineModelCodec.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(InvalidInputException.class);
    }
}
