package com.dinsight.app.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local command bus, as Axon's auto-configuration builds it, but taking the aggregate's lock
 * before the transaction (see {@link AggregateLockFirstCommandBus}). With Axon Server enabled it is
 * the local segment behind the distributed bus.
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
                                DuplicateCommandHandlerResolver duplicates) {
        SimpleCommandBus bus = new AggregateLockFirstCommandBus(SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus")));
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
