package com.dinsight.app.deadletter;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's JDBC dead-letter queue for the processors in {@code dinsight.dead-letters.processors}:
 * a poison event parks its sequence (the events of its aggregate) in {@code axon.dead_letter_entry},
 * later events of other aggregates go on; transient failures still stop and retry the batch
 * ({@link PoisonEventPolicy}). Sequences are per aggregate (Axon's default sequencing policy).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterConfiguration {

    @Bean
    SuspectEvents suspectEvents(DataSource dataSource) {
        return new SuspectEvents(dataSource);
    }

    @Bean
    ConfigurerModule deadLetterQueues(DeadLetterProperties properties, SuspectEvents suspects,
                                      ConnectionProvider connections, TransactionManager transactions,
                                      PlatformTransactionManager platformTransactions, DeadLetterSchema schema,
                                      Serializer serializer) {
        PoisonEventPolicy policy = new PoisonEventPolicy(suspects);
        // An administrator's retry handles each letter in a transaction of its own, so a failing
        // handler rolls back only its own writes and the letter's new cause and count still commit.
        DefaultTransactionDefinition ownTransaction = new DefaultTransactionDefinition(
                TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionManager retryTransactions = new SpringTransactionManager(platformTransactions, ownTransaction);
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String processor : properties.processors()) {
                processing.registerDeadLetterQueue(processor, axon -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(processor)
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(schema)
                                .genericSerializer(serializer)
                                .eventSerializer(serializer)
                                .build())
                        .registerDeadLetterPolicy(processor, axon -> policy)
                        .registerHandlerInterceptor(processor, axon -> suspects)
                        // A replay (reset) starts over, so it forgets what was parked. The cache spares
                        // a query per event ("is its sequence parked?") while nothing is parked.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(processor, (axon, invoker) -> invoker
                                .transactionManager(retryTransactions)
                                .allowReset(true)
                                .enableSequenceIdentifierCache());
            }
        };
    }
}
