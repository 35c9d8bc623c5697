package com.dinsight.command.identity;

import com.dinsight.command.identity.token.AccessTokens;
import com.dinsight.command.identity.token.KeyRing;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityPolicy.class)
class IdentityConfiguration {

    @Bean
    AccessTokens accessTokens(KeyRing keyRing, Clock clock, IdentityPolicy policy) {
        return new AccessTokens(keyRing, clock, policy.accessTokenTtl());
    }
}
