package com.dinsight.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.api.identity.SessionGrant;
import com.dinsight.app.roles.Role;
import com.dinsight.command.identity.token.AccessTokens;
import com.dinsight.command.identity.token.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import com.dinsight.app.support.ApiClient;
import com.dinsight.testsupport.FreshDatabase;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A query-only node: it reads, and has no command endpoints or aggregates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dinsight.roles=query")
@FreshDatabase
class RolesTest {

    @LocalServerPort
    int port;
    AccessTokens accessTokens;

    @org.springframework.beans.factory.annotation.Autowired
    void tokens(KeyRing keyRing) {
        accessTokens = new AccessTokens(keyRing, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @Test
    void a_query_node_answers_queries_but_has_no_command_endpoint() {
        ApiClient api = new ApiClient(port);
        assertThat(api.postJson("/api/v1/auth/register", "{}").status()).as("no command endpoints").isEqualTo(404);
        String token = accessTokens.issue(new SessionGrant(UUID.randomUUID(), UUID.randomUUID(), "q@example.com",
                "Query", "user", Instant.now().plusSeconds(60)));
        ApiClient caller = api.as(token);
        assertThat(caller.get("/api/v1/config").status()).as("no version yet: no command node ran")
                .isEqualTo(404);
        assertThat(caller.postJson("/api/v1/config", "{\"alpha\": 1}").status()).isEqualTo(405);
    }

    @Test
    void roles_parse_from_a_list_and_default_to_all() {
        assertThat(Role.parse(null)).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Role.parse(" Query , worker")).containsExactlyInAnyOrder(Role.QUERY, Role.WORKER);
        assertThatThrownBy(() -> Role.parse("command,reader"))
                .hasMessageContaining("unknown role 'reader'");
    }
}
