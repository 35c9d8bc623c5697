package com.dinsight.app.roles;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The analysis workers: streaming event processors that run the engine. Their handlers arrive
 * with the analysis issue, in package {@code com.dinsight.worker}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
@ComponentScan("com.dinsight.worker")
public class WorkerRole {
}
