package com.dinsight.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.observation.ObservationPredicate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void health_is_up_with_the_database_and_the_event_processors() {
        ApiClient.Response response = new ApiClient(port).get("/actuator/health");
        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/eventProcessors/details/read-model/running").asBoolean()).isTrue();
    }

    @Test
    void prometheus_exposes_axon_message_metrics() {
        ApiClient anonymous = new ApiClient(port);
        ApiClient api = anonymous.as(TestUsers.signUp(anonymous, "metrics").accessToken());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/config").status() == 200);
        ApiClient.Response response = anonymous.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("queryBus_successCounter_total{application=\"dinsight\",payloadType=\"FetchLatestConfig\"}")
                .contains("commandBus_successCounter_total{application=\"dinsight\",payloadType=\"InitializeConfig\"}")
                .contains("processorName=\"read-model\"")
                .contains("eventProcessor_successCounter_total{application=\"dinsight\"")
                .contains("eventProcessor_latency")
                // decision 44: Axon's capacity monitor keeps a minute of timings per processor on the heap
                .doesNotContain("eventProcessor_capacity")
                .contains("http_server_requests_seconds_count{application=\"dinsight\"")
                .contains("uri=\"/api/v1/config\"")
                // decision 51: no long-task timer beside each request's timer
                .doesNotContain("http_server_requests_active")
                .contains("commandBus_capacity")
                .contains("eventStore_ingestedCounter_total{application=\"dinsight\"}")
                .doesNotContain("spring_security_");
    }

    @Test
    void the_security_filters_start_no_observations_not_even_disabled_ones() {
        ApiClient anonymous = new ApiClient(port);
        ApiClient api = anonymous.as(TestUsers.signUp(anonymous, "observed").accessToken());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/config").status() == 200);
        assertThat(ObservationNames.ASKED).contains("http.server.requests")
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    /** Records the name of every observation anything starts, asked before the property's predicate. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ObservationNames {
        static final Set<String> ASKED = ConcurrentHashMap.newKeySet();

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ObservationPredicate recordingObservationNames() {
            return (name, context) -> {
                ASKED.add(name);
                return true;
            };
        }
    }

    @Test
    void the_openapi_document_describes_the_config_endpoints_and_swagger_ui_is_served() {
        ApiClient api = new ApiClient(port);
        JsonNode document = api.get("/v3/api-docs").json();
        assertThat(document.at("/paths/~1api~1v1~1config/get").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1api~1v1~1config/post").isMissingNode()).isFalse();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_is_a_not_found_problem() {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous.get("/api/v1/nothing-here").status()).as("anonymous callers learn nothing").isEqualTo(401);
        ApiClient.Response response = anonymous.as(TestUsers.signUp(anonymous, "paths").accessToken())
                .get("/api/v1/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }
}
