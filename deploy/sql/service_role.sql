-- One service's login role and schema (psql variables: role, schema, password).
-- Idempotent: run at every `deploy/sentra up`.
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER ROLE :"role" SET search_path = :"schema";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
-- Bounded waits. A session left idle inside a transaction keeps its locks and
-- holds back vacuum; a request's statement never needs minutes, nor a wait
-- for a lock seconds.
-- Migrations lift the statement timeout for themselves.
ALTER ROLE :"role" SET idle_in_transaction_session_timeout = '10s';
ALTER ROLE :"role" SET statement_timeout = '30s';
ALTER ROLE :"role" SET lock_timeout = '10s';
-- The server's side of a vanished client: without keepalives a session
-- whose client died with its host stays open for hours, and with it any
-- advisory lock it held (a relay's leadership). The clients set the same
-- on their side (libs/db/src/connection.cc).
ALTER ROLE :"role" SET tcp_keepalives_idle = 10;
ALTER ROLE :"role" SET tcp_keepalives_interval = 5;
ALTER ROLE :"role" SET tcp_keepalives_count = 3;
ALTER ROLE :"role" SET tcp_user_timeout = 30000;
