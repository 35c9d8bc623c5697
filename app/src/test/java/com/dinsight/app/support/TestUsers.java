package com.dinsight.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Registers and logs in users over HTTP, as a client would. */
public final class TestUsers {

    public static final String PASSWORD = "Secret#123";

    private TestUsers() {
    }

    public record Session(UUID userId, String email, String accessToken, String refreshToken, String role) {
    }

    /** A new user with a unique email, logged in. */
    public static Session signUp(ApiClient api, String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response registered = api.postJson("/api/v1/auth/register",
                "{\"email\": \"%s\", \"password\": \"%s\", \"full_name\": \"%s\"}".formatted(email, PASSWORD, name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return logIn(api, email, PASSWORD);
    }

    public static Session logIn(ApiClient api, String email, String password) {
        ApiClient.Response response = api.postJson("/api/v1/auth/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        return new Session(UUID.fromString(body.at("/user/id").asText()), email, body.get("access_token").asText(),
                body.get("refresh_token").asText(), body.at("/user/role").asText());
    }
}
