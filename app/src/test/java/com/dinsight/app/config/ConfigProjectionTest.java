package com.dinsight.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.config.ConfigChange;
import com.dinsight.api.config.ConfigUpdated;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.config.UpdateConfig;
import com.dinsight.testsupport.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@FreshDatabase
class ConfigProjectionTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    private Map<String, Object> row(int id) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM config_data WHERE id = ?").param(id).query(Long.class).single() == 1);
        return jdbc.sql("SELECT * FROM config_data WHERE id = ?").param(id).query().singleRow();
    }

    @Test
    void writes_one_config_data_row_per_version_with_every_column_and_the_event_time() {
        ConfigVersion version = commands.sendAndWait(new UpdateConfig(ConfigurationIds.PROCESSING_CONFIGURATION,
                new ConfigChange(3e-7, "sgd", 2.0, "segID", "f_2", "f_200", "none", "mahalanobis")));

        Map<String, Object> row = row(version.id());

        assertThat(row).containsEntry("gamma0", 3e-7).containsEntry("optimizer", "sgd").containsEntry("alpha", 2.0)
                .containsEntry("end_meta", "segID").containsEntry("start_dim", "f_2").containsEntry("end_dim", "f_200")
                .containsEntry("feature_scaling", "none").containsEntry("detection_method", "mahalanobis")
                .containsEntry("imax", 1000).containsEntry("lowdim", 2).containsEntry("eta", 0.5)
                .containsEntry("epsilon", 1e-8).containsEntry("beta1", 0.9).containsEntry("beta2", 0.999)
                .containsEntry("beta", 0.5).containsEntry("a", 0.8).containsEntry("w1", 0.04)
                .containsEntry("w2", 1.0).containsEntry("which_w1", "auto").containsEntry("mode", "kanadaSan")
                .containsEntry("param_mode", 0.3);
        assertThat(createdAt(row)).isEqualTo(version.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void a_version_seen_twice_keeps_its_first_row() {
        Instant original = Instant.parse("2026-01-01T00:00:00Z");
        eventStore.publish(new GenericDomainEventMessage<>("ProcessingConfiguration", "duplicate-source", 0,
                new ConfigUpdated("duplicate-source", 900, ProcessingConfig.defaults(), original)));
        Map<String, Object> first = row(900);

        eventStore.publish(new GenericDomainEventMessage<>("ProcessingConfiguration", "duplicate-source", 1,
                new ConfigUpdated("duplicate-source", 900, ProcessingConfig.defaults().with(
                        new ConfigChange(null, "sgd", null, null, null, null, null, null)), Instant.now())));
        eventStore.publish(new GenericDomainEventMessage<>("ProcessingConfiguration", "duplicate-source", 2,
                new ConfigUpdated("duplicate-source", 901, ProcessingConfig.defaults(), original)));
        row(901); // the later event has been handled, so the duplicate before it has been too

        assertThat(row(900)).isEqualTo(first);
        assertThat(createdAt(first)).isEqualTo(original);
    }

    private static Instant createdAt(Map<String, Object> row) {
        Object value = row.get("created_at");
        return value instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
