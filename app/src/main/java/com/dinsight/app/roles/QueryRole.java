package com.dinsight.app.roles;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/** The read model: projections, query handlers and the REST query endpoints. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.QUERY)
@ComponentScan("com.dinsight.query")
@EnableJdbcRepositories("com.dinsight.query")
public class QueryRole {
}
