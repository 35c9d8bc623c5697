package com.dinsight.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.testsupport.FreshDatabase;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Spring Security matches paths itself, and a request's handler is looked up once, by the
 * dispatcher (IntrospectorWithoutRequestCache): a handler mapping ahead of all others counts the
 * lookups and passes each on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
@Import(HandlerLookupTest.Counting.class)
class HandlerLookupTest {

    @LocalServerPort
    int port;
    @Autowired
    CountingHandlerMapping lookups;

    @Test
    void an_authorised_request_looks_up_its_handler_once() {
        ApiClient api = new ApiClient(port);
        Session user = TestUsers.signUp(api, "lookups");
        lookups.count.set(0);

        assertThat(api.as(user.accessToken()).get("/api/v1/users/sessions").status()).isEqualTo(200);

        assertThat(lookups.count.get()).isEqualTo(1);
    }

    @Test
    void paths_are_still_matched_for_authorization() {
        ApiClient api = new ApiClient(port);
        TestUsers.signUp(api, "first"); // the first user of a database becomes super_admin
        Session user = TestUsers.signUp(api, "plain");

        assertThat(api.get("/.well-known/jwks.json").status()).as("public").isEqualTo(200);
        assertThat(api.get("/api/v1/users/sessions").status()).as("no token").isEqualTo(401);
        assertThat(api.as(user.accessToken()).get("/api/v1/admin/users").status()).as("admin path").isEqualTo(403);
        assertThat(api.as(user.accessToken()).get("/api/v1/admin/processors").status()).as("super_admin path")
                .isEqualTo(403);
        assertThat(api.as(user.accessToken()).get("/api/v1/users/sessions").status()).as("own sessions").isEqualTo(200);
    }

    /** Counts the lookups of API requests' handlers and leaves the answer to the other mappings. */
    static final class CountingHandlerMapping implements HandlerMapping, Ordered {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            if (request.getRequestURI().startsWith("/api/")) {
                count.incrementAndGet();
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        CountingHandlerMapping countingHandlerMapping() {
            return new CountingHandlerMapping();
        }
    }
}
