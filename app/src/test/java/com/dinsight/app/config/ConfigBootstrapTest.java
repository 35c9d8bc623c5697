package com.dinsight.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.command.config.ConfigBootstrap;
import com.dinsight.testsupport.FreshDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Start-up with the bootstrap off, so the test itself plays two nodes starting together. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "dinsight.config.bootstrap=false")
@FreshDatabase
class ConfigBootstrapTest {

    @Autowired
    ConfigBootstrap bootstrap;
    @Autowired
    JdbcClient jdbc;

    @Test
    void version_1_is_created_exactly_once_when_nodes_start_together() throws Exception {
        assertThat(storedEvents()).isZero();
        int nodes = 4;
        CyclicBarrier together = new CyclicBarrier(nodes);
        Callable<Boolean> start = () -> {
            together.await();
            return bootstrap.initialize();
        };
        ExecutorService executor = Executors.newFixedThreadPool(nodes);
        List<Future<Boolean>> results = executor.invokeAll(java.util.Collections.nCopies(nodes, start));
        executor.shutdown();

        long created = 0;
        for (Future<Boolean> result : results) {
            created += result.get() ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        assertThat(storedEvents()).isEqualTo(1);
        assertThat(bootstrap.initialize()).as("a restart finds it there").isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM config_data").query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT id FROM config_data").query(Integer.class).single()).isEqualTo(1);
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM axon.domain_event_entry WHERE aggregateIdentifier = ?")
                .param(ConfigurationIds.PROCESSING_CONFIGURATION).query(Long.class).single();
    }
}
