package com.dinsight.app.roles;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The write model: aggregates, sagas and policies, and the REST command endpoints. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.COMMAND)
@ComponentScan("com.dinsight.command")
public class CommandRole {
}
