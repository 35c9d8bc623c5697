package com.dinsight.app.security;

import com.dinsight.command.identity.token.KeyRing;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Every endpoint needs a valid access token except {@code /auth/*}, the JWKS document, health,
 * metrics and the OpenAPI document (api.md); {@code /admin/*} needs an admin role, processors and
 * replays the super_admin role. Stateless,
 * no CSRF (bearer tokens, no cookies), security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
            "/api/v1/auth/**", "/.well-known/jwks.json", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'";
    private static final String SWAGGER_CSP =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    @Bean
    KeyRing keyRing(@Value("${dinsight.jwt.keys-dir:}") String keysDir, @Value("${dinsight.data-dir}") String dataDir,
                    Clock clock) {
        Path directory = keysDir.isBlank() ? Path.of(dataDir, "keys") : Path.of(keysDir);
        return new KeyRing(directory.toAbsolutePath().normalize(), clock);
    }

    @Bean
    JwtDecoder jwtDecoder(KeyRing keyRing, Clock clock) {
        return KeyRingJwtDecoder.create(keyRing, clock);
    }

    /**
     * Spring Security wraps every filter of the chain in an observation unless told not to; the
     * property {@code management.observations.enable.spring.security=false} (application.yml) only
     * makes those observations no-ops, this removes the wrappers themselves.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Request paths are matched as Spring MVC's path patterns, by Spring Security itself (its
     * {@code PathPatternRequestMatcher}, the default from Spring Security 7), not by asking Spring
     * MVC which handler each request goes to ({@code MvcRequestMatcher}). That lets the handler be
     * looked up once a request, by the dispatcher ({@link IntrospectorWithoutRequestCache}).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    static BeanFactoryPostProcessor introspectorWithoutRequestCache() {
        return IntrospectorWithoutRequestCache.replacingSpringMvcs();
    }

    /** Spring Security's strict firewall, its header checks without regular expressions ({@link HeaderCharacters}). */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        return firewall;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, JdbcClient jdbc, ObjectMapper json,
                                    @Value("${dinsight.security.session-check-ttl:1s}") Duration sessionCheckTtl)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(options -> { })
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .requestMatcher(AnyRequestMatcher.INSTANCE))
                        .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                                request.getRequestURI().startsWith("/swagger-ui") ? SWAGGER_CSP : CSP)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/api/v1/admin/processors", "/api/v1/admin/replay", "/api/v1/admin/replay/**",
                                "/api/v1/admin/dead-letters", "/api/v1/admin/dead-letters/**")
                        .hasRole("super_admin")
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("admin", "super_admin")
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(new SessionCheck(jdbc, sessionCheckTtl)))
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .build();
    }
}
