package com.dinsight.app.security;

import com.dinsight.command.identity.token.AccessTokens;
import com.dinsight.command.identity.token.KeyRing;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens against the key ring: RS256 only (so {@code alg: none} and HMAC tricks
 * fail), a key the ring holds (re-reading the key directory once for an unknown key id), our
 * issuer, and an unexpired token with no clock skew allowance beyond 5 seconds. A token's
 * signature is verified once and the result kept for {@link #VERIFIED_LIFETIME} (decision 36).
 */
final class KeyRingJwtDecoder {

    /** How long a verified token is kept: a key dropped from the ring is still honoured this long. */
    static final Duration VERIFIED_LIFETIME = Duration.ofMinutes(2);
    /** Tokens kept at most (a few KB each). */
    static final long VERIFIED_TOKENS = 10_000;

    private KeyRingJwtDecoder() {
    }

    static JwtDecoder create(KeyRing keyRing, Clock clock) {
        return create(keyRing, clock, Ticker.systemTicker());
    }

    static JwtDecoder create(KeyRing keyRing, Clock clock, Ticker ticker) {
        JWKSource<SecurityContext> keys = (JWKSelector selector, SecurityContext context) -> {
            List<JWK> matches = selector.select(keyRing.publicKeys());
            String kid = selector.getMatcher().getKeyIDs() == null ? null
                    : selector.getMatcher().getKeyIDs().stream().findFirst().orElse(null);
            if (matches.isEmpty() && kid != null && keyRing.refreshFor(kid)) {
                matches = selector.select(keyRing.publicKeys());
            }
            return matches;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators below decide
        JwtTimestampValidator unexpired = new JwtTimestampValidator(Duration.ofSeconds(5));
        unexpired.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                unexpired,
                new JwtIssuerValidator(AccessTokens.ISSUER),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>("sid", sid -> sid != null && !sid.isBlank()));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator, VERIFIED_LIFETIME, VERIFIED_TOKENS, ticker);
    }
}
