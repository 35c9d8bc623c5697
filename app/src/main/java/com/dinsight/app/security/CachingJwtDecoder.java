package com.dinsight.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collection;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each token's signature once (decision 36): a decoded token is kept per exact token
 * string, and every later use runs the validators again, so expiry is judged per request as
 * before. Only tokens the verifier accepted are kept, and none longer than the lifetime, so a key
 * dropped from the ring stops being honoured within it.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /** {@code verifier} must run {@code validator} itself: a fresh token is kept as it answers. */
    CachingJwtDecoder(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration lifetime, long maxTokens,
                      Ticker ticker) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(lifetime).ticker(ticker).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = token == null ? null : verified.getIfPresent(token);
        if (known == null) {
            Jwt decoded = verifier.decode(token);
            verified.put(token, decoded);
            return decoded;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(message(result.getErrors()), result.getErrors());
        }
        return known;
    }

    /** The message NimbusJwtDecoder gives for the same errors (clients see it in the 401's detail). */
    private static String message(Collection<OAuth2Error> errors) {
        for (OAuth2Error error : errors) {
            if (error.getDescription() != null && !error.getDescription().isEmpty()) {
                return "An error occurred while attempting to decode the Jwt: " + error.getDescription();
            }
        }
        return "Unable to validate Jwt";
    }
}
