package com.dinsight.app.roles;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class RoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Role role = (Role) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
        return Role.parse(context.getEnvironment().getProperty(Role.PROPERTY)).contains(role);
    }
}
