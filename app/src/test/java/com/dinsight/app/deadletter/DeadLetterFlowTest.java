package com.dinsight.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read model's dead-letter queue over HTTP, on real PostgreSQL. A trigger on {@code datasets}
 * stands in for a failure of the database: it raises a check violation (the event's data, poison)
 * for datasets named "poison-*", or a serialization failure (transient) while a switch is on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class DeadLetterFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Session superAdmin;
    private static Session user;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    ApiClient asSuperAdmin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        if (superAdmin == null) {
            superAdmin = TestUsers.signUp(api, "root");
            user = TestUsers.signUp(api, "user");
            jdbc.sql("CREATE TABLE test_failure_switch (poison_prefix text, transient boolean NOT NULL)").update();
            jdbc.sql("INSERT INTO test_failure_switch VALUES ('poison-', false)").update();
            jdbc.sql("CREATE SEQUENCE test_transient_attempts").update();
            failInsertsInto("datasets", """
                    IF (SELECT transient FROM test_failure_switch) THEN
                        PERFORM nextval('test_transient_attempts');
                        RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001';
                    END IF;
                    IF NEW.name LIKE (SELECT poison_prefix FROM test_failure_switch) || '%' THEN
                        RAISE EXCEPTION 'dataset name % is refused', NEW.name USING ERRCODE = '23514';
                    END IF;""");
        }
        asSuperAdmin = api.as(superAdmin.accessToken());
    }

    @Test
    void a_poison_event_is_parked_later_events_go_on_and_it_is_retried_after_the_fix() {
        String poisoned = createDataset("poison-1");
        String fine = createDataset("fine-1");

        // the event after the poison one (another aggregate) is projected
        await().atMost(PATIENCE).until(() -> asSuperAdmin.get("/api/v1/datasets/" + fine).status() == 200);
        JsonNode parked = await().atMost(PATIENCE).until(() -> letterOf(poisoned), letter -> letter != null);
        assertThat(asSuperAdmin.get("/api/v1/datasets/" + poisoned).status()).isEqualTo(404);
        assertThat(parked.get("processor").asText()).isEqualTo("read-model");
        assertThat(parked.get("event_type").asText()).isEqualTo("DatasetCreated");
        assertThat(parked.get("aggregate_id").asText()).isEqualTo(poisoned);
        assertThat(parked.get("cause_type").asText()).contains("DataIntegrityViolation");
        assertThat(parked.get("cause_message").asText()).contains("poison-1 is refused");
        assertThat(parked.get("retry_count").asLong()).isZero();
        assertThat(parked.get("enqueued_at").asText()).isNotBlank();
        assertThat(api.get("/actuator/prometheus").body())
                .containsPattern("dinsight_dead_letters\\{[^}]*processor=\"read-model\"[^}]*} [1-9]");

        // still poisoned: the retry fails and the letter stays, counted
        JsonNode failed = retry("?sequence_id=" + poisoned);
        assertThat(failed.get("succeeded").asInt()).isZero();
        assertThat(failed.get("failed").asInt()).isEqualTo(1);
        assertThat(letterOf(poisoned).get("retry_count").asLong()).isEqualTo(1);

        // the cause fixed, the oldest parked sequences are retried
        jdbc.sql("UPDATE test_failure_switch SET poison_prefix = 'nothing-is-refused-'").update();
        JsonNode retried = retry("");
        assertThat(retried.get("succeeded").asInt()).isEqualTo(1);
        assertThat(retried.get("failed").asInt()).isZero();
        assertThat(asSuperAdmin.get("/api/v1/datasets/" + poisoned).status()).isEqualTo(200);
        assertThat(letterOf(poisoned)).isNull();
        jdbc.sql("UPDATE test_failure_switch SET poison_prefix = 'poison-'").update();
    }

    /**
     * The read model inserts the points of a batch's events together, when the batch commits; a
     * refused point cannot say which event it came from, so the batch is handled again with each
     * of its events writing at once, and the refused one is parked like any other.
     */
    @Test
    void a_monitoring_row_the_database_refuses_is_parked_with_its_event_and_the_read_model_goes_on() {
        failInsertsInto("monitor_data", """
                IF NEW.metadata->>'note' = (SELECT poison_prefix FROM test_failure_switch) || 'row' THEN
                    RAISE EXCEPTION 'monitoring row % is refused', NEW.process_order USING ERRCODE = '23514';
                END IF;""");
        Baselines.Baseline baseline = Baselines.ready(asSuperAdmin);
        String monitor = "/api/v1/monitor/" + baseline.dinsightId();
        assertThat(asSuperAdmin.postJson(monitor, MonitoringData.rows(0, 1).toString()).status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> asSuperAdmin.get(monitor).json().path("total").asInt() == 1);

        ObjectNode poisonRow = MonitoringData.rows(1, 1);
        ((ObjectNode) poisonRow.get("rows").get(0).get("metadata")).put("note", "poison-row");
        assertThat(asSuperAdmin.postJson(monitor, poisonRow.toString()).status()).isEqualTo(200);
        String after = createDataset("after-a-refused-row");

        await().atMost(PATIENCE).until(() -> asSuperAdmin.get("/api/v1/datasets/" + after).status() == 200);
        JsonNode parked = await().atMost(PATIENCE).until(() -> letterOf(baseline.dinsightId()), letter -> letter != null);
        assertThat(parked.get("event_type").asText()).isEqualTo("MonitoringRecorded");
        assertThat(parked.get("cause_message").asText()).contains("monitoring row 1 is refused");
        assertThat(asSuperAdmin.get(monitor).json().path("total").asInt()).as("nothing of the refused event").isEqualTo(1);

        jdbc.sql("UPDATE test_failure_switch SET poison_prefix = 'nothing-is-refused-'").update();
        try {
            JsonNode retried = retry("?sequence_id=" + baseline.dinsightId());
            assertThat(retried.get("succeeded").asInt()).isEqualTo(1);
        } finally {
            jdbc.sql("UPDATE test_failure_switch SET poison_prefix = 'poison-'").update();
        }
        assertThat(letterOf(baseline.dinsightId())).isNull();
        JsonNode points = asSuperAdmin.get(monitor).json();
        assertThat(points.path("total").asInt()).isEqualTo(2);
    }

    @Test
    void an_evicted_sequence_is_gone_for_good() {
        String poisoned = createDataset("poison-2");
        await().atMost(PATIENCE).until(() -> letterOf(poisoned), letter -> letter != null);

        Response evicted = asSuperAdmin.delete("/api/v1/admin/dead-letters/read-model/" + poisoned);

        assertThat(evicted.status()).as(evicted.body()).isEqualTo(204);
        assertThat(letterOf(poisoned)).isNull();
        assertThat(asSuperAdmin.delete("/api/v1/admin/dead-letters/read-model/" + poisoned).status()).isEqualTo(404);
        // a later event of the same aggregate is handled again, as the sequence is no longer parked
        String later = createDataset("fine-2");
        await().atMost(PATIENCE).until(() -> asSuperAdmin.get("/api/v1/datasets/" + later).status() == 200);
        assertThat(asSuperAdmin.get("/api/v1/datasets/" + poisoned).status()).isEqualTo(404);
    }

    @Test
    void a_transient_failure_is_retried_and_never_parked() {
        jdbc.sql("UPDATE test_failure_switch SET transient = true").update();
        long attemptsBefore = attempts();
        String dataset = createDataset("during-an-outage");
        try {
            await().atMost(PATIENCE).until(() -> attempts() >= attemptsBefore + 2);
            assertThat(asSuperAdmin.get("/api/v1/datasets/" + dataset).status()).isEqualTo(404);
            assertThat(letterOf(dataset)).isNull();
        } finally {
            jdbc.sql("UPDATE test_failure_switch SET transient = false").update();
        }
        await().atMost(PATIENCE).until(() -> asSuperAdmin.get("/api/v1/datasets/" + dataset).status() == 200);
        assertThat(letterOf(dataset)).isNull();
    }

    @Test
    void only_a_super_admin_sees_dead_letters_and_bad_names_are_refused() {
        assertThat(api.as(user.accessToken()).get("/api/v1/admin/dead-letters?processor=read-model").status())
                .isEqualTo(403);
        Session admin = TestUsers.signUp(api, "admin");
        assertThat(asSuperAdmin.putJson("/api/v1/admin/users/" + admin.userId() + "/role", "{\"role\": \"admin\"}")
                .status()).isEqualTo(200);
        ApiClient asAdmin = api.as(TestUsers.logIn(api, admin.email(), TestUsers.PASSWORD).accessToken());
        await().atMost(PATIENCE).until(() -> asAdmin.get("/api/v1/admin/users").status() == 200);
        assertThat(asAdmin.get("/api/v1/admin/dead-letters?processor=read-model").status()).isEqualTo(403);
        assertThat(asAdmin.postJson("/api/v1/admin/dead-letters/read-model/retry", "").status()).isEqualTo(403);

        Response unknown = asSuperAdmin.get("/api/v1/admin/dead-letters?processor=nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("processor");
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("read-model");
        assertThat(asSuperAdmin.postJson("/api/v1/admin/dead-letters/nope/retry", "").status()).isEqualTo(400);
        assertThat(asSuperAdmin.delete("/api/v1/admin/dead-letters/read-model/no-such-sequence").status())
                .isEqualTo(404);
    }

    /** A trigger running {@code checks} (PL/pgSQL that may raise) before every insert into the table. */
    private void failInsertsInto(String table, String checks) {
        String function = "test_fail_" + table;
        jdbc.sql("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" + checks
                + "\nRETURN NEW;\nEND $$").update();
        jdbc.sql("CREATE TRIGGER " + function + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                + function + "()").update();
    }

    private String createDataset(String name) {
        Response created = asSuperAdmin.postJson("/api/v1/datasets", "{\"name\": \"%s\"}".formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode retry(String query) {
        Response response = asSuperAdmin.postJson("/api/v1/admin/dead-letters/read-model/retry" + query, "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode letterOf(String sequenceId) {
        Response response = asSuperAdmin.get("/api/v1/admin/dead-letters?processor=read-model&size=500");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode letter : response.json().get("items")) {
            if (letter.get("sequence_id").asText().equals(sequenceId)) {
                return letter;
            }
        }
        return null;
    }

    private long attempts() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_transient_attempts")
                .query(Long.class).single();
    }
}
