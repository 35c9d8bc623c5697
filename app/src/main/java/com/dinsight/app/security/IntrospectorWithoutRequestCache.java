package com.dinsight.app.security;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Spring MVC's handler introspector without the per-request lookup Spring Security asks of it.
 * Whenever Spring MVC is present, Spring Security 6.5 puts the introspector's cache filter in front
 * of its chain (WebMvcSecurityConfiguration): it finds the handler of every request before security
 * runs and keeps it for the request, for {@code MvcRequestMatcher} and for CORS rules declared on
 * handlers. Neither is used here: paths are matched by {@code PathPatternRequestMatcher}
 * (SecurityConfiguration) and no CORS is configured. So that lookup only repeated the dispatcher's,
 * 3% of the application's CPU under the monitoring load (decision 51). Anything that still asks the
 * introspector about a request gets a correct answer from a lookup of its own.
 */
final class IntrospectorWithoutRequestCache extends HandlerMappingIntrospector {

    /** The bean name Spring MVC and Spring Security give the introspector. */
    static final String BEAN_NAME = "mvcHandlerMappingIntrospector";

    /** Passes every request on without looking up its handler. */
    @Override
    public Filter createCacheFilter() {
        return (request, response, chain) -> chain.doFilter(request, response);
    }

    /** Puts this class in place of Spring MVC's introspector bean, when there is one (a servlet web application). */
    static BeanFactoryPostProcessor replacingSpringMvcs() {
        return factory -> {
            if (factory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(BEAN_NAME)) {
                BeanDefinition original = registry.getBeanDefinition(BEAN_NAME);
                RootBeanDefinition replacement = new RootBeanDefinition(IntrospectorWithoutRequestCache.class);
                replacement.setLazyInit(original.isLazyInit());
                registry.removeBeanDefinition(BEAN_NAME);
                registry.registerBeanDefinition(BEAN_NAME, replacement);
            }
        };
    }
}
