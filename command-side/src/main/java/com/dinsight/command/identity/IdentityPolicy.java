package com.dinsight.command.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lifetimes and limits of identity, from {@code dinsight.identity.*}. Command handlers take
 * it as a parameter, so the rules live in the aggregate and the numbers in configuration.
 */
@ConfigurationProperties("dinsight.identity")
public record IdentityPolicy(
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration rememberMeTtl,
        Duration verificationTokenTtl,
        Duration resetTokenTtl,
        int lockAfterFailures,
        Duration lockDuration) {

    public IdentityPolicy {
        accessTokenTtl = orDefault(accessTokenTtl, Duration.ofMinutes(15));
        refreshTokenTtl = orDefault(refreshTokenTtl, Duration.ofDays(7));
        rememberMeTtl = orDefault(rememberMeTtl, Duration.ofDays(30));
        verificationTokenTtl = orDefault(verificationTokenTtl, Duration.ofHours(24));
        resetTokenTtl = orDefault(resetTokenTtl, Duration.ofHours(1));
        lockAfterFailures = lockAfterFailures <= 0 ? 10 : lockAfterFailures;
        lockDuration = orDefault(lockDuration, Duration.ofMinutes(15));
    }

    public static IdentityPolicy defaults() {
        return new IdentityPolicy(null, null, null, null, null, 0, null);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
