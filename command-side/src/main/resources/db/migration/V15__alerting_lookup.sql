-- The command side's own tables for alerting (docs/decisions.md, "Alert rules and alerts").
-- Never read by the query side. rules and rule_secrets are written in the same transaction as
-- the events they follow (the alert-lookup subscribing processor, the AlertRule command handlers);
-- rule_windows and deliveries by the alert policy and the delivery processor in their own
-- processors' transactions.
CREATE SCHEMA IF NOT EXISTS alerting;

-- Rules as the policy needs them: active rules of a dataset, and the rule's open alert.
CREATE TABLE alerting.rules (
    rule_id       UUID PRIMARY KEY,
    dataset_id    UUID NOT NULL,
    owner_id      UUID NOT NULL,
    name          VARCHAR(255) NOT NULL,
    condition     JSONB NOT NULL,
    actions       JSONB NOT NULL,
    severity      VARCHAR(20) NOT NULL,
    is_active     BOOLEAN NOT NULL,
    open_alert_id UUID,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX idx_alerting_rules_dataset ON alerting.rules (dataset_id) WHERE is_active;

-- Webhook secrets (HMAC-SHA256 keys): never in an event, never shown by the API.
CREATE TABLE alerting.rule_secrets (
    rule_id    UUID PRIMARY KEY,
    secret     VARCHAR(255) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- The sliding window of an anomaly-rate rule: recent points' flags or per-minute counts, and the
-- last process order seen per baseline (a batch delivered twice is counted once).
CREATE TABLE alerting.rule_windows (
    rule_id    UUID PRIMARY KEY,
    state      JSONB NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Deliveries started, one row per (alert, action): an AlertRaised delivered twice sends once.
CREATE TABLE alerting.deliveries (
    alert_id   UUID NOT NULL,
    action     INTEGER NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, action)
);
