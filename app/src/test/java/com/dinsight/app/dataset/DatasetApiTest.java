package com.dinsight.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.api.Caller;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.query.security.CallerScope;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class DatasetApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CallerScope callerScope;

    private static Session admin;
    private static Session ann;
    private static Session bob;
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        if (admin == null) {
            admin = TestUsers.signUp(api, "admin"); // first user of this database: super_admin
            ann = TestUsers.signUp(api, "ann");
            bob = TestUsers.signUp(api, "bob");
        }
    }

    private String create(Session owner, String name) {
        Response created = api.as(owner.accessToken()).postJson("/api/v1/datasets",
                "{\"name\": \"%s\", \"description\": \"d\", \"tags\": [\"pump\", \"line-2\"], \"metadata\": {\"site\": \"north\"}}"
                        .formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/datasets/" + id);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.as(owner.accessToken()).get("/api/v1/datasets/" + id).status() == 200);
        return id;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void a_user_creates_reads_and_lists_their_own_datasets() {
        assertThat(admin.role()).isEqualTo("super_admin");
        String id = create(ann, "Pump 7");
        JsonNode dataset = api.as(ann.accessToken()).get("/api/v1/datasets/" + id).json();
        assertThat(dataset.get("name").asText()).isEqualTo("Pump 7");
        assertThat(dataset.get("user_id").asText()).isEqualTo(ann.userId().toString());
        assertThat(dataset.get("tags").toString()).isEqualTo("[\"pump\",\"line-2\"]");
        assertThat(dataset.at("/metadata/site").asText()).isEqualTo("north");
        assertThat(dataset.get("is_active").asBoolean()).isTrue();

        JsonNode page = api.as(ann.accessToken()).get("/api/v1/datasets?page=0&size=10").json();
        assertThat(ids(page)).contains(id);
        assertThat(page.get("size").asInt()).isEqualTo(10);
        assertThat(page.get("total").asLong()).isEqualTo(page.get("items").size());
    }

    @Test
    void another_user_can_neither_see_nor_change_nor_delete_a_dataset_and_is_told_it_does_not_exist() {
        String id = create(ann, "Private");
        ApiClient asBob = api.as(bob.accessToken());

        assertThat(asBob.get("/api/v1/datasets/" + id).status()).isEqualTo(404);
        assertThat(ids(asBob.get("/api/v1/datasets").json())).doesNotContain(id);
        Response change = asBob.putJson("/api/v1/datasets/" + id, "{\"name\": \"Bob's now\"}");
        assertThat(change.status()).isEqualTo(404);
        assertThat(change.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(asBob.delete("/api/v1/datasets/" + id).status()).isEqualTo(404);
        assertThat(asBob.postJson("/api/v1/datasets/" + id + "/deactivate", "").status()).isEqualTo(404);

        assertThat(api.as(ann.accessToken()).get("/api/v1/datasets/" + id).json().get("name").asText()).isEqualTo("Private");
        assertThat(api.as(bob.accessToken()).get("/api/v1/datasets/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void admins_see_every_dataset() {
        String annsId = create(ann, "Ann's");
        String bobsId = create(bob, "Bob's");
        assertThat(ids(api.as(admin.accessToken()).get("/api/v1/datasets?size=500").json())).contains(annsId, bobsId);
    }

    @Test
    void the_owner_updates_deactivates_and_deletes() {
        String id = create(ann, "Lifecycle");
        ApiClient asAnn = api.as(ann.accessToken());
        Response updated = asAnn.putJson("/api/v1/datasets/" + id, "{\"description\": \"new\", \"tags\": [\"x\"]}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Lifecycle");
        assertThat(asAnn.postJson("/api/v1/datasets/" + id + "/deactivate", "").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> !asAnn.get("/api/v1/datasets/" + id).json().get("is_active").asBoolean());
        assertThat(asAnn.get("/api/v1/datasets/" + id).json().get("description").asText()).isEqualTo("new");
        assertThat(asAnn.delete("/api/v1/datasets/" + id).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> asAnn.get("/api/v1/datasets/" + id).status() == 404);
        assertThat(asAnn.delete("/api/v1/datasets/" + id).status()).isEqualTo(404);
    }

    @Test
    void bad_input_names_the_field() {
        Response noName = api.as(ann.accessToken()).postJson("/api/v1/datasets", "{\"description\": \"x\"}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().at("/errors/0/field").asText()).isEqualTo("name");
        Response badMetadata = api.as(ann.accessToken()).postJson("/api/v1/datasets", "{\"name\": \"x\", \"metadata\": [1]}");
        assertThat(badMetadata.status()).isEqualTo(400);
        assertThat(badMetadata.json().at("/errors/0/field").asText()).isEqualTo("metadata");
        Response badPage = api.as(ann.accessToken()).get("/api/v1/datasets?size=501");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.json().at("/errors/0/field").asText()).isEqualTo("size");
    }

    @Test
    void on_the_read_path_a_query_without_a_where_clause_sees_only_the_callers_rows() {
        create(ann, "Ann's RLS");
        create(bob, "Bob's RLS");
        List<UUID> ownersSeenByAnn = callerScope.read(new Caller(ann.userId(), "user"),
                jdbc -> jdbc.sql("SELECT user_id FROM datasets").query(UUID.class).list());
        assertThat(ownersSeenByAnn).isNotEmpty().containsOnly(ann.userId());

        List<UUID> ownersSeenByAdmin = callerScope.read(new Caller(admin.userId(), "super_admin"),
                jdbc -> jdbc.sql("SELECT user_id FROM datasets").query(UUID.class).list());
        assertThat(ownersSeenByAdmin).contains(ann.userId(), bob.userId());

        List<UUID> ownersSeenByNobody = callerScope.read(new Caller(UUID.randomUUID(), "user"),
                jdbc -> jdbc.sql("SELECT user_id FROM datasets").query(UUID.class).list());
        assertThat(ownersSeenByNobody).isEmpty();
    }
}
