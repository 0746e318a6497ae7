--liquibase formatted sql

--changeset spark:024-maintenance-as-owner splitStatements:false
--comment: the two maintenance statements PostgreSQL allows only to a table's owner (ANALYZE, REFRESH MATERIALIZED VIEW), as procedures that run as the schema's owner, so the application's role needs no more than DML (server-config/postgres/roles.sql). search_path is fixed so a caller cannot slip in objects of its own
CREATE PROCEDURE spark_analyze() LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t record;
BEGIN
    -- the schema's tables and views, not the whole database: the shared catalogs are the superuser's to analyze
    FOR t IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'm') AND pg_has_role(c.relowner, 'USAGE')
    LOOP
        EXECUTE format('ANALYZE %s', t.name);
    END LOOP;
END $$;

CREATE PROCEDURE spark_refresh_class_summary() LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY class_performance_summary;
END $$;
