package com.dinsight.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Account lockout, with the per-address rate limit out of the way so ten attempts get through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dinsight.rate-limit.login.attempts=100")
@FreshDatabase
class LockoutTest {

    @LocalServerPort
    int port;

    @Test
    void ten_wrong_passwords_in_a_row_lock_the_account_even_against_the_right_one() {
        ApiClient api = new ApiClient(port);
        TestUsers.Session user = TestUsers.signUp(api, "locked");
        String right = "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(user.email(), TestUsers.PASSWORD);
        String wrong = "{\"email\": \"%s\", \"password\": \"Wrong#1234\"}".formatted(user.email());
        for (int i = 0; i < 9; i++) {
            assertThat(api.postJson("/api/v1/auth/login", wrong).status()).isEqualTo(401);
        }
        assertThat(api.postJson("/api/v1/auth/login", right).status()).as("nine failures do not lock").isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(api.postJson("/api/v1/auth/login", wrong).status()).isEqualTo(401);
        }
        ApiClient.Response locked = api.postJson("/api/v1/auth/login", right);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}
