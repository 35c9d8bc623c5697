package com.dinsight.api.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers the {@link ConfigVersion} with this number (null: the latest), or refuses naming config_id. */
public record ResolveConfig(@TargetAggregateIdentifier String configId, Integer version) {
}
