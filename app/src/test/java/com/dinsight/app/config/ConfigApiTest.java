package com.dinsight.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class ConfigApiTest {

    @LocalServerPort
    int port;
    ApiClient api;

    private static String accessToken;

    @BeforeEach
    void setUp() {
        ApiClient anonymous = new ApiClient(port);
        if (accessToken == null) {
            accessToken = TestUsers.signUp(anonymous, "config-user").accessToken();
        }
        api = anonymous.as(accessToken);
    }

    @Test
    void the_configuration_needs_an_access_token() {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous.get("/api/v1/config").status()).isEqualTo(401);
        assertThat(anonymous.postJson("/api/v1/config", "{\"alpha\": 1}").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/config").json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    private JsonNode latestOnceVisible(int version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/config").json().path("id").asInt() >= version);
        return api.get("/api/v1/config").json();
    }

    @Test
    void a_fresh_system_answers_version_1_with_the_seed_defaults() {
        JsonNode config = latestOnceVisible(1);
        assertThat(config.get("id").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode first = api.get("/api/v1/config/1").json();
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(first.get("gamma0").asDouble()).isEqualTo(1e-7);
        assertThat(first.get("optimizer").asText()).isEqualTo("adam");
        assertThat(first.get("alpha").asDouble()).isEqualTo(0.1);
        assertThat(first.get("end_meta").asText()).isEqualTo("participant");
        assertThat(first.get("start_dim").asText()).isEqualTo("f_0");
        assertThat(first.get("end_dim").asText()).isEqualTo("f_1023");
        assertThat(first.get("imax").asInt()).isEqualTo(1000);
        assertThat(first.get("which_w1").asText()).isEqualTo("auto");
        assertThat(first.get("mode").asText()).isEqualTo("kanadaSan");
        assertThat(first.get("param_mode").asDouble()).isEqualTo(0.3);
        assertThat(first.get("feature_scaling").asText()).isEqualTo("standard");
        assertThat(first.get("detection_method").asText()).isEqualTo("hybrid");
        assertThat(first.get("created_at").asText()).isNotBlank();
    }

    @Test
    void posting_editable_fields_creates_the_next_version_which_get_then_answers() {
        int before = latestOnceVisible(1).get("id").asInt();

        Response created = api.postJson("/api/v1/config", """
                {"gamma0": 2e-7, "optimizer": "sgd", "alpha": 0.25, "end_meta": "segID",
                 "start_dim": "f_1", "end_dim": "f_100"}""");

        assertThat(created.status()).isEqualTo(201);
        int id = created.json().get("id").asInt();
        assertThat(id).isEqualTo(before + 1);
        assertThat(created.header("Location")).isEqualTo("/api/v1/config/" + id);
        JsonNode latest = latestOnceVisible(id);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(latest.get("gamma0").asDouble()).isEqualTo(2e-7);
        assertThat(latest.get("optimizer").asText()).isEqualTo("sgd");
        assertThat(latest.get("alpha").asDouble()).isEqualTo(0.25);
        assertThat(latest.get("end_meta").asText()).isEqualTo("segID");
        assertThat(latest.get("start_dim").asText()).isEqualTo("f_1");
        assertThat(latest.get("end_dim").asText()).isEqualTo("f_100");
        assertThat(latest.get("imax").asInt()).as("system-set fields carry over").isEqualTo(1000);
        assertThat(latest).isEqualTo(created.json());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"gamma0\": 0}                        | gamma0",
            "{\"gamma0\": -5}                       | gamma0",
            "{\"optimizer\": \"rmsprop\"}           | optimizer",
            "{\"alpha\": 0}                         | alpha",
            "{\"alpha\": 10.5}                      | alpha",
            "{\"end_meta\": \"\"}                   | end_meta",
            "{\"start_dim\": \"   \"}               | start_dim",
            "{\"imax\": 10}                         | imax",
            "{\"eta\": 0.1, \"gamma0\": 1e-6}       | eta",
            "{\"which_w1\": \"fixed\"}              | which_w1",
            "{\"colour\": \"blue\"}                 | colour",
            "{\"gamma0\": \"small\"}                | gamma0",
            "{\"alpha\": [1]}                       | alpha",
            "{}                                     | body"})
    void rejects_bad_input_with_a_problem_naming_the_field(String body, String field) {
        int before = latestOnceVisible(1).get("id").asInt();

        Response response = api.postJson("/api/v1/config", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(fields(problem)).containsExactly(field);
        assertThat(problem.get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(api.get("/api/v1/config").json().get("id").asInt()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void a_system_set_field_is_refused_as_such() {
        JsonNode problem = api.postJson("/api/v1/config", "{\"imax\": 10}").json();
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("set by the system");
    }

    @Test
    void malformed_json_is_a_validation_problem_that_says_where() {
        Response response = api.postJson("/api/v1/config", "{\"gamma0\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void a_body_that_is_not_json_is_an_unsupported_media_type() {
        Response response = api.post("/api/v1/config", "text/plain", "gamma0=1");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.json().get("detail").asText())
                .startsWith("Content-Type 'text/plain;charset=UTF-8' is not supported here; send application/json");
    }

    @Test
    void an_unknown_version_is_not_found_and_a_non_numeric_one_is_invalid() {
        Response missing = api.get("/api/v1/config/9999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("NOT_FOUND");

        Response invalid = api.get("/api/v1/config/latest");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid.json())).containsExactly("id");
        assertThat(invalid.json().at("/errors/0/message").asText()).isEqualTo("must be a number, was 'latest'");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
