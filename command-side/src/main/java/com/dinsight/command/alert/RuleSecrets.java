package com.dinsight.command.alert;

import java.util.Optional;
import java.util.UUID;

/**
 * The webhook secrets of rules, kept by the command side only ({@code alerting.rule_secrets}), never
 * in an event: events are read by every projection and shown by the audit history.
 */
public interface RuleSecrets {

    void put(UUID ruleId, String secret);

    Optional<String> get(UUID ruleId);
}
