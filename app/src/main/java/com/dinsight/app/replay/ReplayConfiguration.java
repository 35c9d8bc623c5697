package com.dinsight.app.replay;

import com.dinsight.query.ReadModel;
import com.dinsight.query.audit.AuditLog;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections a replay may rebuild. Adding one is one bean: its processor and the tables its
 * handlers write. Processors with side effects (the analysis worker, alert policies and deliveries)
 * have none and are refused.
 */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    @Bean
    ReplayableProjection readModelProjection() {
        return new ReplayableProjection(ReadModel.PROCESSING_GROUP, ReadModel.TABLES);
    }

    @Bean
    ReplayableProjection auditLogProjection() {
        return new ReplayableProjection(AuditLog.PROCESSING_GROUP, List.of("audit_logs"));
    }
}
