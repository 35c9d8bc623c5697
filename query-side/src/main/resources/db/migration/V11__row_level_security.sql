-- Row-level security as the seed asks, on datasets, analyses and alerts.
-- The query side reads as role dinsight_reader, with the caller set per transaction:
--   SET LOCAL ROLE dinsight_reader;
--   SELECT set_config('dinsight.user_id', <uuid>, true), set_config('dinsight.user_role', <role>, true);
-- A caller sees their own rows; admin and super_admin see all. Projections write as the owner of
-- the tables, which these policies (not FORCEd) do not restrict. The migrating user needs the
-- right to create roles (CREATEROLE) the first time; docs/operations.md.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dinsight_reader') THEN
        CREATE ROLE dinsight_reader NOLOGIN NOBYPASSRLS;
    END IF;
END
$$;
GRANT dinsight_reader TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO dinsight_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO dinsight_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO dinsight_reader;

CREATE FUNCTION dinsight_caller_is_admin() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('dinsight.user_role', true), '') IN ('admin', 'super_admin')
$$;
CREATE FUNCTION dinsight_caller_id() RETURNS UUID LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('dinsight.user_id', true), '')::uuid
$$;

ALTER TABLE datasets ENABLE ROW LEVEL SECURITY;
CREATE POLICY datasets_of_caller ON datasets FOR SELECT TO dinsight_reader
    USING (dinsight_caller_is_admin() OR user_id = dinsight_caller_id());

ALTER TABLE analyses ENABLE ROW LEVEL SECURITY;
CREATE POLICY analyses_of_caller ON analyses FOR SELECT TO dinsight_reader
    USING (dinsight_caller_is_admin()
           OR EXISTS (SELECT 1 FROM datasets d WHERE d.id = analyses.dataset_id AND d.user_id = dinsight_caller_id()));

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY alerts_of_caller ON alerts FOR SELECT TO dinsight_reader
    USING (dinsight_caller_is_admin()
           OR EXISTS (SELECT 1 FROM datasets d WHERE d.id = alerts.dataset_id AND d.user_id = dinsight_caller_id()));
