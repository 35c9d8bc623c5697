-- The audit log is written by its own processor ("audit", several segments) from every event.
-- 1. No foreign key from audit_logs.user_id to users: users is written by another processor
--    (read-model), so an audit row may come before its user's row; and the read model's reset
--    truncates users CASCADE, which would empty the audit log with it. The user id is a fact
--    taken from the event's metadata, not a reference the read model must satisfy.
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_user_id_fkey;

-- 2. GET /audit?resource_type=&resource_id= (newest first), beside the seed's indexes on user_id,
--    action and created_at.
CREATE INDEX idx_audit_logs_resource ON audit_logs (resource_type, resource_id, created_at DESC);

-- 3. Row-level security as on datasets (V11): a caller reads the rows they caused; admins all.
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_logs_of_caller ON audit_logs FOR SELECT TO dinsight_reader
    USING (dinsight_caller_is_admin() OR user_id = dinsight_caller_id());
