package com.dinsight.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.config.ConfigChange;
import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.api.config.UpdateConfig;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.testsupport.FreshDatabase;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@FreshDatabase
class ConfigReplayTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcClient jdbc;

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM config_data").query(Long.class).single();
    }

    /** Every row, every column, in id order: two equal snapshots mean identical tables. */
    private String snapshot() {
        return jdbc.sql("SELECT coalesce(string_agg(c::text, E'\\n' ORDER BY c.id), '') FROM config_data c")
                .query(String.class).single();
    }

    @Test
    void resetting_the_projection_and_replaying_the_event_store_rebuilds_an_identical_config_data() {
        for (int i = 1; i <= 5; i++) {
            commands.sendAndWait(new UpdateConfig(ConfigurationIds.PROCESSING_CONFIGURATION,
                    new ConfigChange(i * 1e-7, i % 2 == 0 ? "adam" : "sgd", 0.1 * i, null, "f_" + i, null, null, null)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows() == 6);
        String before = snapshot();

        StreamingEventProcessor processor = ReadModelReplay.restart(processing,
                () -> assertThat(rows()).as("the reset handler cleared the table").isZero());

        await().atMost(Duration.ofSeconds(30)).until(() -> ReadModelReplay.caughtUp(processor, () -> rows() == 6));
        assertThat(snapshot()).isEqualTo(before);
    }
}
