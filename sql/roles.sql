-- A read-only role for the nightly job: it can read schema "thidua" and nothing else.
-- Run as a superuser or the schema owner:  psql -v ON_ERROR_STOP=1 -f sql/roles.sql
-- Set the password separately (never in a file under version control):  \password thidua_reader
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thidua_reader') THEN
        CREATE ROLE thidua_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;
ALTER ROLE thidua_reader SET default_transaction_read_only = on;
ALTER ROLE thidua_reader SET statement_timeout = '15min';
GRANT USAGE ON SCHEMA thidua TO thidua_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA thidua TO thidua_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA thidua GRANT SELECT ON TABLES TO thidua_reader;
REVOKE CREATE ON SCHEMA thidua FROM thidua_reader;
REVOKE CREATE ON SCHEMA public FROM thidua_reader;
