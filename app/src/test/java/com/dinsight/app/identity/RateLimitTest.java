package com.dinsight.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real rate limits of the identity issue (the other test classes raise them). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dinsight.rate-limit.login.attempts=5", "dinsight.rate-limit.register.per-hour=3",
        "dinsight.rate-limit.forgot-password.per-hour=3"})
@FreshDatabase
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void the_sixth_login_attempt_in_fifteen_minutes_for_one_address_and_email_is_refused_with_retry_after() {
        ApiClient api = new ApiClient(port);
        String email = "limited-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertThat(login(api, email, "Wrong#1234").status()).isEqualTo(401);
        }
        Response limited = login(api, email, "Wrong#1234");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(login(api, "other-" + email, "Wrong#1234").status()).as("another email is counted apart").isEqualTo(401);
    }

    @Test
    void the_fourth_registration_in_an_hour_from_one_address_is_refused() {
        ApiClient api = new ApiClient(port);
        int created = 0;
        Response last = null;
        for (int i = 0; i < 4; i++) {
            last = api.postJson("/api/v1/auth/register", "{\"email\": \"r%d-%s@example.com\", \"password\": \"Secret#123\", \"full_name\": \"R\"}"
                    .formatted(i, UUID.randomUUID()));
            created += last.status() == 201 ? 1 : 0;
        }
        assertThat(created).isEqualTo(3);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    private static Response login(ApiClient api, String email, String password) {
        return api.postJson("/api/v1/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
    }
}
