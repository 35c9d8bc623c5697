package com.dinsight.query.audit;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the audit projection with Axon: as a plain event handler (no annotated methods) Axon's
 * Spring scan does not find it. Its {@code @ProcessingGroup} puts it in the "audit" processor.
 */
@Configuration(proxyBeanMethods = false)
class AuditProcessing {

    @Bean
    ConfigurerModule auditProjectionRegistration(AuditProjection projection) {
        return configurer -> configurer.eventProcessing().registerEventHandler(configuration -> projection);
    }
}
