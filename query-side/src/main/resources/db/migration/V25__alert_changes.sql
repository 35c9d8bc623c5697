-- When an alert last changed (the time of the event that changed it), so GET /alerts/stream can
-- resume: a client reconnecting with Last-Event-ID gets every alert changed since, resolved ones
-- included (docs/schema-changes.md).
ALTER TABLE alerts ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX idx_alerts_changed_at ON alerts(changed_at);
