package com.dinsight.command.config;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.config.ConfigUpdated;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.InitializeConfig;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.config.ResolveConfig;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.config.UpdateConfig;
import com.dinsight.api.error.FieldError;
import com.dinsight.command.error.Refusals;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The processing configuration: one aggregate whose versions are numbered 1, 2, 3, ... by the
 * order of its events, so two simultaneous updates can never get the same version.
 */
@Aggregate
class ProcessingConfiguration {

    @AggregateIdentifier
    private String configId;
    private int version;
    private ProcessingConfig current;
    private final Map<Integer, ProcessingConfig> versions = new HashMap<>();

    ProcessingConfiguration() {
        // for Axon
    }

    @CommandHandler
    ProcessingConfiguration(InitializeConfig command, Clock clock) {
        apply(new ConfigUpdated(command.configId(), 1, ProcessingConfig.defaults(), clock.instant()));
    }

    @CommandHandler
    ConfigVersion handle(UpdateConfig command, Clock clock) {
        List<FieldError> violations = ConfigRules.violations(command.change());
        if (!violations.isEmpty()) {
            throw Refusals.invalid(violations);
        }
        ConfigUpdated updated = new ConfigUpdated(
                configId, version + 1, current.with(command.change()), clock.instant());
        apply(updated);
        return ConfigVersion.of(updated);
    }

    /** The whole configuration of one version (null: the latest), for a new analysis to carry. */
    @CommandHandler
    ConfigVersion handle(ResolveConfig command) {
        int wanted = command.version() == null ? version : command.version();
        ProcessingConfig config = versions.get(wanted);
        if (config == null) {
            throw Refusals.refuse(new BusinessError(ErrorCode.VALIDATION_ERROR, "The request has invalid fields",
                    List.of(new FieldError("config_id", "configuration version " + wanted + " does not exist"))));
        }
        return new ConfigVersion(wanted, config, null);
    }

    @EventSourcingHandler
    void on(ConfigUpdated event) {
        configId = event.configId();
        version = event.version();
        current = event.config();
        versions.put(event.version(), event.config());
    }
}
