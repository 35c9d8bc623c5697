package com.dinsight.command.monitoring;

import com.dinsight.api.analysis.AnalysisCompleted;
import com.dinsight.api.monitoring.RegisterBaseline;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

/** Policy: every completed baseline analysis becomes a baseline that monitoring rows can be posted to. */
@Component
@ProcessingGroup("baseline-registration")
class BaselineRegistrar {

    private final CommandGateway commands;

    BaselineRegistrar(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(AnalysisCompleted completed) {
        try {
            commands.sendAndWait(new RegisterBaseline(completed.dinsightId(), completed.analysisId(),
                    completed.datasetId(), completed.requestedBy(), completed.result()));
        } catch (AggregateStreamCreationException alreadyRegistered) {
            // delivered again after a token moved: the baseline exists, nothing to do
        }
    }
}
