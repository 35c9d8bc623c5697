package com.dinsight.app.security;

import com.dinsight.api.Caller;
import com.dinsight.command.request.RequestMetadataSource;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Each command sent while serving a request carries the caller's user id, address and user
 * agent as metadata, and the events it causes inherit them: the audit log reads them there.
 */
@Configuration(proxyBeanMethods = false)
public class RequestMetadata {

    public static final String USER_ID = "userId";
    public static final String IP_ADDRESS = "ipAddress";
    public static final String USER_AGENT = "userAgent";

    @Bean
    CorrelationDataProvider requestMetadataOnEvents() {
        return new SimpleCorrelationDataProvider(USER_ID, IP_ADDRESS, USER_AGENT);
    }

    /** The same metadata, for handlers that record several requests' work in one command. */
    @Bean
    RequestMetadataSource currentRequestMetadata() {
        return Interceptor::current;
    }

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> requestMetadataOnCommands(CommandGateway commands) {
        Interceptor interceptor = new Interceptor();
        commands.registerDispatchInterceptor(interceptor);
        return interceptor;
    }

    private static final class Interceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            Map<String, String> metadata = current();
            return (index, message) -> metadata.isEmpty() ? message : message.andMetaData(metadata);
        }

        private static Map<String, String> current() {
            Map<String, String> metadata = new HashMap<>();
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                metadata.put(IP_ADDRESS, request.getRemoteAddr());
                String agent = request.getHeader("User-Agent");
                if (agent != null) {
                    metadata.put(USER_AGENT, agent);
                }
            }
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                metadata.put(USER_ID, caller.userId().toString());
            }
            return metadata;
        }
    }
}
