package com.dinsight.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.api.identity.SessionGrant;
import com.dinsight.command.identity.token.AccessTokens;
import com.dinsight.command.identity.token.KeyRing;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The verified-token cache of KeyRingJwtDecoder, on a real key ring, with time under the test's control. */
class CachingJwtDecoderTest {

    @TempDir
    Path keys;
    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private KeyRing ring;
    private JwtDecoder decoder;

    @BeforeEach
    void setUp() {
        ring = new KeyRing(keys, clock);
        decoder = KeyRingJwtDecoder.create(ring, clock, ticker);
    }

    private String issue(KeyRing signer, Duration ttl) {
        return new AccessTokens(signer, clock, ttl).issue(new SessionGrant(UUID.randomUUID(), UUID.randomUUID(),
                "someone@example.com", "Someone", "user", clock.instant().plus(Duration.ofDays(1))));
    }

    /** A decoder without a cache's memory: what the same token gets when nothing was kept. */
    private JwtDecoder fresh() {
        return KeyRingJwtDecoder.create(ring, clock, ticker);
    }

    @Test
    void a_token_is_verified_once_and_later_uses_are_answered_from_the_cache() {
        String token = issue(ring, Duration.ofMinutes(15));
        Jwt first = decoder.decode(token);
        assertThat(decoder.decode(token)).isSameAs(first);
        assertThat(fresh().decode(token)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void a_cached_token_is_refused_once_it_expires_exactly_as_a_fresh_decode_refuses_it() {
        String token = issue(ring, Duration.ofSeconds(60));
        decoder.decode(token);
        clock.advance(Duration.ofSeconds(65));
        assertThat(decoder.decode(token)).as("within the 5 seconds' skew").isNotNull();

        clock.advance(Duration.ofSeconds(1));
        Throwable cached = catchFrom(() -> decoder.decode(token));
        Throwable uncached = catchFrom(() -> fresh().decode(token));
        assertThat(cached).isInstanceOf(JwtValidationException.class).hasMessageContaining("Jwt expired at");
        assertThat(cached.getClass()).isEqualTo(uncached.getClass());
        assertThat(cached.getMessage()).isEqualTo(uncached.getMessage());
        assertThat(((JwtValidationException) cached).getErrors()).map(OAuth2Error::toString)
                .isEqualTo(((JwtValidationException) uncached).getErrors().stream().map(OAuth2Error::toString).toList());
        assertThat(catchFrom(() -> decoder.decode(token))).as("still refused").hasMessage(uncached.getMessage());
    }

    @Test
    void a_forged_token_with_the_claims_of_a_cached_one_is_refused() throws Exception {
        String token = issue(ring, Duration.ofMinutes(15));
        decoder.decode(token);
        String[] parts = token.split("\\.");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID(ring.signingKey().getKeyID()).generate();
        String otherSignature = parts[0] + "." + parts[1] + "." + new RSASSASigner(stranger)
                .sign(SignedJWT.parse(token).getHeader(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> decoder.decode(otherSignature)).isInstanceOf(BadJwtException.class);

        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"role\":\"user\"", "\"role\":\"super_admin\"").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(token + "A")).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode(token)).isNotNull();
    }

    @Test
    void a_refused_token_is_not_remembered() throws Exception {
        KeyRing otherNode = new KeyRing(keys.resolve("other-node"), clock);
        String token = issue(otherNode, Duration.ofMinutes(15));
        assertThatThrownBy(() -> decoder.decode(token)).as("a key this ring does not hold").isInstanceOf(BadJwtException.class);

        String kid = otherNode.signingKey().getKeyID();
        Files.copy(keys.resolve("other-node").resolve(kid + ".jwk.json"), keys.resolve(kid + ".jwk.json"));
        assertThat(decoder.decode(token).getSubject()).isNotNull();
    }

    @Test
    void a_token_of_a_key_dropped_from_the_ring_is_honoured_for_the_cache_lifetime_at_most() throws Exception {
        String oldKid = ring.signingKey().getKeyID();
        String token = issue(ring, Duration.ofMinutes(15));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(1));
        ring.addKey();
        Files.delete(keys.resolve(oldKid + ".jwk.json"));
        ring.refreshFor(oldKid);
        assertThatThrownBy(() -> fresh().decode(token)).as("the ring no longer holds the key").isInstanceOf(BadJwtException.class);

        nanos.addAndGet(KeyRingJwtDecoder.VERIFIED_LIFETIME.toNanos() - 1);
        assertThat(decoder.decode(token)).as("still cached").isNotNull();
        nanos.addAndGet(1);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    private static Throwable catchFrom(Runnable action) {
        try {
            action.run();
        } catch (Throwable thrown) {
            return thrown;
        }
        throw new AssertionError("nothing was thrown");
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
