package com.dinsight.command.identity;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per limit and key, e.g. login per client address and email. Buckets
 * live in this node's memory and disappear an hour after their last use; with several command
 * nodes behind a balancer each node counts on its own (docs/operations.md).
 */
@Component
public class RateLimiter {

    public enum Limit { LOGIN, REGISTER, FORGOT_PASSWORD }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();
    private final int loginAttempts;
    private final Duration loginWindow;
    private final int registrations;
    private final int resets;

    RateLimiter(@Value("${dinsight.rate-limit.login.attempts:5}") int loginAttempts,
                @Value("${dinsight.rate-limit.login.window:15m}") Duration loginWindow,
                @Value("${dinsight.rate-limit.register.per-hour:3}") int registrations,
                @Value("${dinsight.rate-limit.forgot-password.per-hour:3}") int resets) {
        this.loginAttempts = loginAttempts;
        this.loginWindow = loginWindow;
        this.registrations = registrations;
        this.resets = resets;
    }

    /** Takes one token, or refuses with 429 and how long to wait. */
    public void acquire(Limit limit, String key) {
        Bucket bucket = buckets.get(limit + "|" + key, k -> Bucket.builder().addLimit(bandwidth(limit)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new ApiException(ErrorCode.RATE_LIMITED,
                    "Too many attempts; try again in " + Math.max(1, wait.toSeconds()) + " seconds", wait);
        }
    }

    private Bandwidth bandwidth(Limit limit) {
        return switch (limit) {
            case LOGIN -> Bandwidth.builder().capacity(loginAttempts).refillIntervally(loginAttempts, loginWindow).build();
            case REGISTER -> Bandwidth.builder().capacity(registrations).refillIntervally(registrations, Duration.ofHours(1)).build();
            case FORGOT_PASSWORD -> Bandwidth.builder().capacity(resets).refillIntervally(resets, Duration.ofHours(1)).build();
        };
    }
}
