package com.dinsight.command.identity.token;

import com.dinsight.api.identity.SessionGrant;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues RS256 access tokens: subject the user id, with the role and the session id. */
public class AccessTokens {

    public static final String ISSUER = "dinsight";
    public static final String ROLE_CLAIM = "role";
    public static final String SESSION_CLAIM = "sid";

    private final KeyRing keys;
    private final Clock clock;
    private final Duration ttl;

    public AccessTokens(KeyRing keys, Clock clock, Duration ttl) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(SessionGrant grant) {
        Instant now = clock.instant();
        RSAKey key = keys.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(grant.userId().toString())
                .claim(ROLE_CLAIM, grant.role())
                .claim(SESSION_CLAIM, grant.sessionId().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return jwt.serialize();
    }
}
