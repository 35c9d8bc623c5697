package com.dinsight.command.alert;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Written by the rule's command handlers, in the same transaction as the rule's events. */
@Component
class JdbcRuleSecrets implements RuleSecrets {

    private final JdbcClient jdbc;

    JdbcRuleSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(UUID ruleId, String secret) {
        jdbc.sql("""
                        INSERT INTO alerting.rule_secrets (rule_id, secret) VALUES (?, ?)
                        ON CONFLICT (rule_id) DO UPDATE SET secret = excluded.secret, updated_at = now()""")
                .params(ruleId, secret).update();
    }

    @Override
    public Optional<String> get(UUID ruleId) {
        return jdbc.sql("SELECT secret FROM alerting.rule_secrets WHERE rule_id = ?").param(ruleId)
                .query(String.class).optional();
    }
}
