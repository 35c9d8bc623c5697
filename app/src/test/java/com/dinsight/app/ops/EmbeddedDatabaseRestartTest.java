package com.dinsight.app.ops;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.DinsightApplication;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one-command path: no database settings, so the application runs its own PostgreSQL under
 * the data directory, and what it stored is there after a restart.
 */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--dinsight.data-dir=" + dataDir, "--dinsight.db.url="));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(DinsightApplication.class).run(all.toArray(String[]::new));
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void starts_an_embedded_postgresql_whose_data_survives_a_restart() {
        int created;
        String email;
        try (ConfigurableApplicationContext first = start()) {
            TestUsers.Session user = TestUsers.signUp(api(first), "restart");
            email = user.email();
            ApiClient api = api(first).as(user.accessToken());
            created = api.postJson("/api/v1/config", "{\"optimizer\": \"sgd\"}").json().get("id").asInt();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/config").json().get("id").asInt() == created);
            JdbcClient jdbc = JdbcClient.create(first.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.sql("SHOW backend_flush_after").query(String.class).single())
                    .as("written pages handed to the kernel's writeback as they go (decision 45)").isEqualTo("256kB");
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("server stopped cleanly").isFalse();

        try (ConfigurableApplicationContext second = start(
                "--dinsight.db.embedded-settings=work_mem=12MB, backend_flush_after=512kB")) {
            ApiClient api = api(second).as(TestUsers.logIn(api(second), email, TestUsers.PASSWORD).accessToken());
            assertThat(api.get("/api/v1/config").json().get("id").asInt()).isEqualTo(created);
            assertThat(api.get("/api/v1/config").json().get("optimizer").asText()).isEqualTo("sgd");
            assertThat(api.get("/api/v1/config/1").status()).as("version 1 was not created twice").isEqualTo(200);
            JdbcClient jdbc = JdbcClient.create(second.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).as("durable commits").isEqualTo("on");
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW work_mem").query(String.class).single()).as("an added setting").isEqualTo("12MB");
            assertThat(jdbc.sql("SHOW backend_flush_after").query(String.class).single())
                    .as("a replaced setting").isEqualTo("512kB");
        }
    }
}
