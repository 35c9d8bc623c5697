package com.dinsight.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The resolver answers every Authorization header exactly as Spring's regular-expression one does. */
class HeaderBearerTokenResolverTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1In0.c2lnbmF0dXJlLXZhbHVl";

    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();
    private final BearerTokenResolver ours = new HeaderBearerTokenResolver();

    @Test
    void a_well_formed_header_gives_its_token_and_other_schemes_give_none() {
        assertThat(ours.resolve(request("Bearer " + JWT))).isEqualTo(JWT);
        assertThat(ours.resolve(request("bEaReR " + JWT + "=="))).isEqualTo(JWT + "==");
        assertThat(ours.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
        assertThat(ours.resolve(request(null))).isNull();
    }

    @Test
    void every_header_is_answered_as_springs_resolver_answers_it() {
        List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "Bearer  " + JWT, "Bearer" + JWT,
                "BearerX " + JWT, "Bearer " + JWT + " ", "Bearer ====", "Bearer abc=def", "Bearer abc==",
                "Bearer a b", "Bearer ab\u00e9", "bearer\t" + JWT, "Token " + JWT, "", "Bearer -._~+/09azAZ"));
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "aZ09-._~+/= \t%\u00e9";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
            for (int n = random.nextInt(12); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(ours, header)).as("'%s'", header).isEqualTo(outcome(spring, header));
        }
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        try {
            return "token " + resolver.resolve(request(header));
        } catch (OAuth2AuthenticationException refused) {
            return "refused " + refused.getError().getErrorCode() + " " + refused.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/monitor/x");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
