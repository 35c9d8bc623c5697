-- Pending webhook and email retries survive a restart (docs/decisions.md 40). A delivery row holds
-- what its next attempt needs (the rule, the signed body) and when it is due; a node claims due rows
-- for a lease before sending, so two nodes never send the same attempt, and a node that dies
-- mid-attempt leaves a claim that expires and is taken over. Rows from before this migration have
-- no due time: they count as finished.
ALTER TABLE alerting.deliveries
    ADD COLUMN rule_id       UUID,
    ADD COLUMN body          BYTEA,
    ADD COLUMN attempts      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN due_at        TIMESTAMP WITH TIME ZONE,
    ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX idx_alerting_deliveries_due ON alerting.deliveries (due_at) WHERE due_at IS NOT NULL;
