package com.dinsight.command.config;

import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.api.config.InitializeConfig;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Gives a fresh system configuration version 1 (the seed's defaults) through the command path.
 * Several nodes may start together: the event store's unique (aggregate, sequence) key lets only
 * one creation through, and the others treat the refusal as "already there".
 */
@Component
public class ConfigBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfigBootstrap.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final boolean enabled;

    ConfigBootstrap(CommandGateway commandGateway, EventStore eventStore,
                    @Value("${dinsight.config.bootstrap:true}") boolean enabled) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            initialize();
        }
    }

    /** Creates version 1 unless it exists; true when this call created it. */
    public boolean initialize() {
        String id = ConfigurationIds.PROCESSING_CONFIGURATION;
        if (eventStore.lastSequenceNumberFor(id).isPresent()) {
            return false;
        }
        try {
            commandGateway.sendAndWait(new InitializeConfig(id));
            log.info("Created configuration version 1 with the seed's defaults");
            return true;
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyCreated) {
            log.info("Configuration version 1 was created by another node");
            return false;
        }
    }
}
