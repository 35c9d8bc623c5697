package com.dinsight.api.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates the next configuration version from the current one and the given change. */
public record UpdateConfig(@TargetAggregateIdentifier String configId, ConfigChange change) {
}
