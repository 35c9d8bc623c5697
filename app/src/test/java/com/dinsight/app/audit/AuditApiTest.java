package com.dinsight.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log and the history over real HTTP: two users and an admin act through the API (register,
 * log in, fail to log in, change their profile, create datasets, change the configuration), then read
 * GET /audit and GET /audit/history as each; the table holds no email, name, password or token in
 * clear; a replay of the "audit" processor rebuilds the table byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {

    private static final String AGENT = "AuditTest/1.0 (ann's laptop)";
    private static final String ANN_NAME = "Annabel Quixote";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private ApiClient api;
    private Session admin;
    private Session ann;
    private Session bob;
    private UUID annDataset;
    private UUID bobDataset;
    private Instant started;
    private final List<String> tokens = new ArrayList<>();

    @BeforeAll
    void act() {
        started = Instant.now().minusSeconds(1);
        api = new ApiClient(port);
        admin = TestUsers.signUp(api, "admin");
        assertThat(admin.role()).isEqualTo("super_admin");

        ApiClient annClient = api.withUserAgent(AGENT);
        String annEmail = "annabel.quixote-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        Response registered = annClient.postJson("/api/v1/auth/register", """
                {"email": "%s", "password": "%s", "full_name": "%s"}""".formatted(annEmail, TestUsers.PASSWORD, ANN_NAME));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Response failed = annClient.postJson("/api/v1/auth/login",
                "{\"email\": \"%s\", \"password\": \"Wrong#Guess1\"}".formatted(annEmail));
        assertThat(failed.status()).isEqualTo(401);
        ann = TestUsers.logIn(annClient, annEmail, TestUsers.PASSWORD);
        ApiClient asAnn = annClient.as(ann.accessToken());
        assertThat(asAnn.putJson("/api/v1/users/profile", "{\"full_name\": \"Annabel Q. Quixote\"}").status()).isEqualTo(200);
        annDataset = created(asAnn.postJson("/api/v1/datasets", "{\"name\": \"Ann's pumps\", \"description\": \"ask ann at "
                + annEmail + "\"}"));

        bob = TestUsers.signUp(api, "bob");
        bobDataset = created(api.as(bob.accessToken()).postJson("/api/v1/datasets", "{\"name\": \"Bob's fans\"}"));

        Response config = api.as(admin.accessToken()).postJson("/api/v1/config", "{\"alpha\": 0.2}");
        assertThat(config.status()).as(config.body()).isEqualTo(201);
        tokens.addAll(List.of(admin.accessToken(), admin.refreshToken(), ann.accessToken(), ann.refreshToken(),
                bob.accessToken(), bob.refreshToken()));

        await().atMost(Duration.ofSeconds(20)).until(() -> count("action = 'ConfigUpdated' AND user_id = ?", admin.userId()) == 1
                && count("action = 'DatasetCreated'") == 2 && count("action = 'ProfileUpdated'") == 1
                && count("action = 'LoginFailed'") == 1);
    }

    private static UUID created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asText());
    }

    private long count(String where, Object... params) {
        return jdbc.sql("SELECT count(*) FROM audit_logs WHERE " + where).params(params).query(Long.class).single();
    }

    private JsonNode page(Session as, String query) {
        Response response = api.as(as.accessToken()).get("/api/v1/audit" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("items").forEach(item -> actions.add(item.get("action").asText()));
        return actions;
    }

    @Test
    void an_admin_sees_every_row_and_a_user_only_the_rows_they_caused() {
        long all = count("true");
        JsonNode adminPage = page(admin, "?size=500");
        assertThat(adminPage.get("total").asLong()).isEqualTo(all);
        assertThat(actions(adminPage)).contains("UserRegistered", "UserLoggedIn", "LoginFailed", "ProfileUpdated",
                "DatasetCreated", "ConfigUpdated");

        JsonNode annPage = page(ann, "?size=500");
        assertThat(annPage.get("total").asLong()).isEqualTo(count("user_id = ?", ann.userId())).isPositive();
        annPage.get("items").forEach(item -> assertThat(item.get("user_id").asText()).isEqualTo(ann.userId().toString()));
        assertThat(actions(annPage)).contains("UserRegistered", "LoginFailed", "UserLoggedIn", "ProfileUpdated", "DatasetCreated")
                .doesNotContain("ConfigUpdated");

        JsonNode bobPage = page(bob, "?size=500");
        bobPage.get("items").forEach(item -> assertThat(item.get("user_id").asText()).isEqualTo(bob.userId().toString()));
        assertThat(page(ann, "?user_id=" + bob.userId()).get("total").asLong()).isZero();
        assertThat(page(admin, "?user_id=" + bob.userId()).get("total").asLong()).isEqualTo(bobPage.get("total").asLong());
    }

    @Test
    void rows_say_who_from_where_with_which_agent_and_when() {
        JsonNode failed = page(ann, "?action=LoginFailed").get("items");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("resource_type").asText()).isEqualTo("user");
        assertThat(failed.get(0).get("resource_id").asText()).isEqualTo(ann.userId().toString());
        assertThat(failed.get(0).get("ip_address").asText()).isEqualTo("127.0.0.1");
        assertThat(failed.get(0).get("user_agent").asText()).isEqualTo(AGENT);
        assertThat(failed.get(0).at("/changes/consecutiveFailures").asInt()).isEqualTo(1);

        JsonNode dataset = page(ann, "?resource_type=dataset&resource_id=" + annDataset).get("items");
        assertThat(dataset).hasSize(1);
        assertThat(dataset.get(0).get("action").asText()).isEqualTo("DatasetCreated");
        assertThat(dataset.get(0).at("/changes/name").asText()).isEqualTo("Ann's pumps");
        assertThat(dataset.get(0).at("/changes/description").asText()).matches("ask ann at a\\*\\*\\*@example\\.com");
        assertThat(Instant.parse(dataset.get(0).get("created_at").asText())).isAfter(started);

        assertThat(page(admin, "?action=DatasetCreated").get("total").asLong()).isEqualTo(2);
        assertThat(page(admin, "?from=" + Instant.now().plusSeconds(60)).get("total").asLong()).isZero();
        assertThat(page(admin, "?to=" + started).get("total").asLong()).isZero();
        assertThat(page(admin, "?action=DatasetCreated&from=" + started + "&to=" + Instant.now().plusSeconds(1))
                .get("total").asLong()).isEqualTo(2);
        JsonNode paged = page(admin, "?page=1&page_size=2");
        assertThat(paged.get("size").asInt()).isEqualTo(2);
        assertThat(paged.get("items")).hasSize(2);
    }

    @Test
    void bad_filters_are_refused_naming_the_parameter() {
        for (String[] bad : new String[][] {{"user_id=nope", "user_id"}, {"resource_id=12", "resource_id"},
                {"from=yesterday", "from"}, {"to=2026-13-01", "to"},
                {"from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z", "from"}, {"resource_type=planet", "resource_type"},
                {"size=0", "size"}}) {
            Response response = api.as(admin.accessToken()).get("/api/v1/audit?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().at("/errors/0/field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void no_email_name_password_or_token_is_in_clear_anywhere_in_the_table() {
        List<String> clear = new ArrayList<>(List.of(ann.email(), bob.email(), admin.email(), ANN_NAME, "Quixote",
                TestUsers.PASSWORD, "Wrong#Guess1"));
        clear.addAll(tokens);
        for (String text : clear) {
            assertThat(jdbc.sql("SELECT count(*) FROM audit_logs t WHERE strpos(t::text, ?) > 0").param(text)
                    .query(Long.class).single()).as(text).isZero();
        }
        assertThat(count("changes::text ~* '(token|password|secret)'")).isZero();
        assertThat(count("changes::text ~ '[A-Za-z0-9._%+-]{2,}@'")).isZero();
        JsonNode registered = page(ann, "?action=UserRegistered").at("/items/0/changes");
        assertThat(registered.get("email").asText()).matches("a\\*\\*\\*@example\\.com");
        assertThat(registered.get("fullName").asText()).isEqualTo("A. Q.");
        assertThat(registered.has("verificationTokenHash")).isFalse();
        assertThat(registered.get("userId").asText()).isEqualTo(ann.userId().toString());
    }

    @Test
    void a_history_comes_from_the_event_store_in_order_with_metadata_and_survives_a_deleted_read_model_row() {
        ApiClient asAnn = api.as(ann.accessToken());
        Response own = asAnn.get("/api/v1/audit/history/user/" + ann.userId());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        JsonNode events = own.json().get("items");
        assertThat(own.json().get("total").asLong()).isEqualTo(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence_number").asLong()).isEqualTo(i);
        }
        assertThat(events.get(0).get("event_type").asText()).isEqualTo("UserRegistered");
        assertThat(events.get(0).get("revision").asText()).isEqualTo("1");
        assertThat(events.get(0).get("user_agent").asText()).isEqualTo(AGENT);
        assertThat(events.get(0).get("ip_address").asText()).isEqualTo("127.0.0.1");
        assertThat(events.get(0).at("/payload/email").asText()).matches("a\\*\\*\\*@example\\.com");
        assertThat(events.get(0).get("payload").has("verificationTokenHash")).isFalse();
        assertThat(own.body()).doesNotContain(ann.email(), ANN_NAME, "Quixote");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("event_type").asText()));
        assertThat(types).containsSubsequence("UserRegistered", "LoginFailed", "UserLoggedIn", "ProfileUpdated");
        JsonNode login = events.get(types.indexOf("UserLoggedIn"));
        assertThat(login.get("payload").has("refreshTokenHash")).isFalse();
        JsonNode profile = events.get(types.indexOf("ProfileUpdated"));
        assertThat(profile.get("user_id").asText()).isEqualTo(ann.userId().toString());

        Response second = asAnn.get("/api/v1/audit/history/user/" + ann.userId() + "?page=1&size=1");
        assertThat(second.json().at("/items/0/sequence_number").asLong()).isEqualTo(1);
        assertThat(second.json().get("items")).hasSize(1);

        String datasetHistory = "/api/v1/audit/history/dataset/" + annDataset;
        assertThat(api.as(bob.accessToken()).get(datasetHistory).status()).isEqualTo(404);
        assertThat(api.as(bob.accessToken()).get("/api/v1/audit/history/user/" + ann.userId()).status()).isEqualTo(404);
        assertThat(api.as(admin.accessToken()).get(datasetHistory).status()).isEqualTo(200);
        assertThat(asAnn.get("/api/v1/audit/history/processing_configuration/processing-configuration").status()).isEqualTo(404);
        Response config = api.as(admin.accessToken()).get("/api/v1/audit/history/processing_configuration/processing-configuration");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().at("/items/0/event_type").asText()).isEqualTo("ConfigUpdated");

        jdbc.sql("DELETE FROM datasets WHERE id = ?").param(annDataset).update();
        Response afterDelete = asAnn.get(datasetHistory);
        assertThat(afterDelete.status()).as(afterDelete.body()).isEqualTo(200);
        assertThat(afterDelete.json().at("/items/0/event_type").asText()).isEqualTo("DatasetCreated");
        assertThat(afterDelete.json().at("/items/0/payload/ownerId").asText()).isEqualTo(ann.userId().toString());

        assertThat(asAnn.get("/api/v1/audit/history/dataset/" + bobDataset).status()).isEqualTo(404);
        assertThat(asAnn.get("/api/v1/audit/history/dataset/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.as(admin.accessToken()).get("/api/v1/audit/history/user/" + annDataset).status()).isEqualTo(404);
        Response unknownType = asAnn.get("/api/v1/audit/history/planet/" + annDataset);
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().at("/errors/0/field").asText()).isEqualTo("resource_type");
        Response badId = asAnn.get("/api/v1/audit/history/dataset/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().at("/errors/0/field").asText()).isEqualTo("resource_id");
    }

    @Test
    void the_audit_processor_has_the_audit_projection_once() {
        AbstractEventProcessor processor = processing.eventProcessor("audit", AbstractEventProcessor.class).orElseThrow();
        List<Object> handlers = new ArrayList<>();
        for (EventHandlerInvoker invoker : ((MultiEventHandlerInvoker) processor.eventHandlerInvoker()).delegates()) {
            handlers.addAll(((SimpleEventHandlerInvoker) invoker).eventHandlers());
        }
        assertThat(handlers).as("a second registration would write every row twice").hasSize(1);
    }

    @Test
    void replaying_the_audit_processor_rebuilds_the_identical_table() {
        String before = checksum();
        long rows = count("true");
        assertThat(rows).isGreaterThan(10);

        StreamingEventProcessor processor = ReadModelReplay.restart(processing, "audit",
                () -> assertThat(count("true")).as("emptied by the reset").isZero());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                ReadModelReplay.caughtUp(processor, () -> checksum().equals(before)));
        assertThat(count("true")).isEqualTo(rows);
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).as("read model untouched").isEqualTo(3);
    }

    private String checksum() {
        return jdbc.sql("SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t.id)), '') FROM audit_logs t")
                .query(String.class).single();
    }
}
