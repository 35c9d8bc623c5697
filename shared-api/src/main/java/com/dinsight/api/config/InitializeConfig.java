package com.dinsight.api.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates version 1 of the configuration with the seed's defaults; sent once, at first start. */
public record InitializeConfig(@TargetAggregateIdentifier String configId) {
}
