package com.dinsight.app.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event processor is a pooled streaming processor (Axon's recommendation in 4.x): one
 * event stream per node, segments claimed through the token store, so nodes share the work.
 * Per-processor settings (segments, batch size, threads) come from
 * {@code axon.eventhandling.processors.<name>.*} in the configuration.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessingConfiguration {

    /**
     * A handler's failure (a database outage, say) propagates, so the processor releases the
     * segment and retries the batch with back-off instead of logging and skipping the event. The
     * dead-lettering processors (DeadLetterConfiguration) park poison events instead.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessorsThatRetry() {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
