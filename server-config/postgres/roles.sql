-- Least privilege for Project Spark's database: an owner role that owns the schema and migrates it (Liquibase), and an
-- application role with DML only (SELECT, INSERT, UPDATE, DELETE; sequences), which the server's connection pools use.
-- Neither is a superuser or may create databases or roles. Default privileges give the application role the same DML
-- on every table the owner creates later, so each migration's new tables are usable without another grant.
-- Idempotent: run it again after changing a password, or on a database migrated before by another role (whatever that
-- role owns in the schema is handed to the owner).
--
--   SPARK_OWNER_PASSWORD=... SPARK_APP_PASSWORD=... \
--     psql -h DBHOST -U postgres -d postgres -v db=project_spark -f server-config/postgres/roles.sql
--
-- Variables (psql -v): db (project_spark), owner (spark_owner), app (spark_app). Passwords come from the environment
-- (never from the command line, where ps shows them); unset: the role gets none (peer or trust authentication only).
-- Needs psql 15 or newer (\getenv). Then:
--   DATABASE_MIGRATION_URL=postgresql://spark_owner:...@DBHOST:5432/project_spark   (./spark migrate, provision.sh)
--   DATABASE_URL=postgresql://spark_app:...@DBHOST:5432/project_spark               (the pools)
\set ON_ERROR_STOP on
\if :{?db}
\else
\set db project_spark
\endif
\if :{?owner}
\else
\set owner spark_owner
\endif
\if :{?app}
\else
\set app spark_app
\endif
\set owner_password ''
\set app_password ''
\getenv owner_password SPARK_OWNER_PASSWORD
\getenv app_password SPARK_APP_PASSWORD

SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') AS create_owner,
       NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') AS create_app,
       NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS create_db,
       :'owner_password' <> '' AS owner_has_password,
       :'app_password' <> '' AS app_has_password \gset

\if :create_owner
CREATE ROLE :"owner" LOGIN;
\endif
\if :create_app
CREATE ROLE :"app" LOGIN;
\endif
-- stated every time, so a role made by hand with more rights is brought back to these
ALTER ROLE :"owner" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE :"app" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
\if :owner_has_password
ALTER ROLE :"owner" PASSWORD :'owner_password';
\endif
\if :app_has_password
ALTER ROLE :"app" PASSWORD :'app_password';
\endif

\if :create_db
CREATE DATABASE :"db" OWNER :"owner";
\else
ALTER DATABASE :"db" OWNER TO :"owner";
\endif
-- only these two roles (and superusers) may connect
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";

\connect :"db"
SELECT set_config('spark.owner', :'owner', false) \gset
ALTER SCHEMA public OWNER TO :"owner";
-- nobody else creates objects in the schema (PostgreSQL before 15 let every role do so)
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- a database migrated before by another role (the superuser): the owner takes over what is in the schema
DO $$
DECLARE
    o record;
    owner_role text := current_setting('spark.owner');
BEGIN
    FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
               AND pg_get_userbyid(c.relowner) <> owner_role
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s %I OWNER TO %I',
            CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                           WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, o.relname, owner_role);
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> owner_role
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE o.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, o.signature, owner_role);
    END LOOP;
END $$;

-- DML on what exists now, and by default on what the owner creates later (each migration's new tables)
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";

\echo roles: :owner owns :db and migrates it; :app has DML only
