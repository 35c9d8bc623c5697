-- Extensions of the seed's "Database Configuration".
-- uuid-ossp and pgcrypto are required: the migration fails without them.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- pg_stat_statements and timescaledb are optional: created where the server offers them (and
-- lets this user create them); their absence, or a server that has not preloaded them, must
-- not fail the migration.
DO $$
DECLARE
    optional_extension TEXT;
BEGIN
    FOREACH optional_extension IN ARRAY ARRAY['pg_stat_statements', 'timescaledb'] LOOP
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = optional_extension) THEN
            BEGIN
                EXECUTE format('CREATE EXTENSION IF NOT EXISTS %I', optional_extension);
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'extension % is available but could not be created: %',
                    optional_extension, SQLERRM;
            END;
        ELSE
            RAISE NOTICE 'extension % is not available on this server; skipped', optional_extension;
        END IF;
    END LOOP;
END
$$;
