package com.dinsight.app.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.evolution.StoredEvents.StoredEvent;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A role change stored as revision 1 (before {@code previousRole} existed), written straight into
 * the event store: the read model projects it, a replay projects it again, and the User aggregate
 * loads it, so the next role change records the old event's role as its previous role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=command,query")
@FreshDatabase
class StoredRevision1EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE_CHANGED = "com.dinsight.api.identity.RoleChanged";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_revision_1_role_change_is_upcast_for_the_read_model_its_replay_and_the_aggregate() throws Exception {
        ApiClient api = new ApiClient(port);
        Session root = TestUsers.signUp(api, "root");
        Session ann = TestUsers.signUp(api, "ann");
        Session bob = TestUsers.signUp(api, "bob");
        ApiClient asRoot = api.as(root.accessToken());

        // a role change made today is stored as revision 2
        assertThat(changeRole(asRoot, bob.userId(), "admin").status()).isEqualTo(200);
        StoredEvent bobs = lastRoleChange(bob.userId());
        assertThat(bobs.revision()).isEqualTo("2");
        ObjectNode payload = (ObjectNode) JSON.readTree(bobs.payload());
        assertThat(payload.get("previousRole").asText()).isEqualTo("user");
        assertThat(payload.get("newRole").asText()).isEqualTo("admin");

        // the same event as revision 1 wrote it, for ann: the same serializer's JSON, with "role" and
        // without "previousRole", in revision 1's field order
        ObjectNode revision1 = JSON.createObjectNode();
        revision1.put("userId", ann.userId().toString());
        revision1.set("role", payload.get("newRole"));
        revision1.set("changedBy", payload.get("changedBy"));
        revision1.set("changedAt", payload.get("changedAt"));
        appendRevision1(ann.userId(), revision1.toString(), bobs);

        await().atMost(PATIENCE).until(() -> "admin".equals(roleInReadModel(ann.userId())));

        StreamingEventProcessor readModel = ReadModelReplay.restart(processing,
                () -> assertThat(roleInReadModel(ann.userId())).isNull());
        await().atMost(PATIENCE).until(() -> ReadModelReplay.caughtUp(readModel,
                () -> "admin".equals(roleInReadModel(ann.userId()))));

        // the aggregate is loaded from the old event: ann is an admin, so this is a change from admin
        Response changed = changeRole(asRoot, ann.userId(), "user");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("user");
        StoredEvent anns = lastRoleChange(ann.userId());
        assertThat(anns.revision()).isEqualTo("2");
        assertThat(JSON.readTree(anns.payload()).get("previousRole").asText()).isEqualTo("admin");
        assertThat(JSON.readTree(anns.payload()).get("newRole").asText()).isEqualTo("user");
        await().atMost(PATIENCE).until(() -> "user".equals(roleInReadModel(ann.userId())));
    }

    private static Response changeRole(ApiClient admin, UUID user, String role) {
        return admin.putJson("/api/v1/admin/users/" + user + "/role", "{\"role\": \"%s\"}".formatted(role));
    }

    private StoredEvent lastRoleChange(UUID user) {
        return new StoredEvents(jdbc).last(user.toString(), ROLE_CHANGED);
    }

    private void appendRevision1(UUID user, String payload, StoredEvent template) {
        new StoredEvents(jdbc).append("User", user.toString(), ROLE_CHANGED, "1", payload, template);
    }

    private String roleInReadModel(UUID user) {
        List<String> roles = jdbc.sql("SELECT role FROM users WHERE id = ?").param(user).query(String.class).list();
        return roles.isEmpty() ? null : roles.get(0);
    }
}
