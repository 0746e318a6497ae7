package org.projectspark.platform.startup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.migration.Migrator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs before the application serves a request: refuses unsafe settings (and, in production, a superuser pool),
 * brings the schema up to date with Liquibase (where the pools' role has DML only, the owner has migrated it already
 * and this finds nothing to do), and tells the features that the schema is ready (the first admin is made then). A failure here fails the deployment, with the reason in the log.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // Liquibase commits its own changesets
public class SparkStartup {

    private static final Logger LOG = Logger.getLogger(SparkStartup.class.getName());

    @Inject
    SparkSettings settings;

    @Inject
    Event<SchemaReady> schemaReady;

    @Inject
    StartupState state;

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    @PostConstruct
    void start() {
        refuseUnsafeSettings();
        refuseSuperuserInProduction();
        migrate();
        schemaReady.fire(new SchemaReady());
        state.started();
    }

    /** Undeploying or shutting down: readiness turns DOWN at once, while requests in flight still finish. */
    @PreDestroy
    void stop() {
        state.stopping();
    }

    private void refuseUnsafeSettings() {
        List<String> problems = settings.startupProblems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.severe("Refusing to start: " + p));
            throw new IllegalStateException("Project Spark refuses to start: " + String.join("; ", problems));
        }
        settings.exampleSecretsInUse().forEach(p -> LOG.warning(p + " (accepted only because SPARK_ENV=" + settings.environment() + ")"));
    }

    /**
     * In production the pools' role must not be a superuser: a flaw that reached SQL could then read files, run
     * programs and drop anything. The owner role migrates, the application role has DML only
     * (server-config/postgres/roles.sql, docs/operations.md "PostgreSQL roles").
     */
    private void refuseSuperuserInProduction() {
        if (!settings.isProduction()) {
            return;
        }
        String role;
        boolean superuser;
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            role = rs.getString(1);
            superuser = rs.getBoolean(2);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database role of jdbc/spark: " + e.getMessage(), e);
        }
        if (superuser) {
            String problem = "DATABASE_URL connects as " + role + ", a PostgreSQL superuser; in production the pools use an"
                    + " application role with DML only and the owner role migrates (server-config/postgres/roles.sql,"
                    + " then DATABASE_URL=postgresql://spark_app@... and DATABASE_MIGRATION_URL=postgresql://spark_owner@...)";
            LOG.severe("Refusing to start: " + problem);
            throw new IllegalStateException("Project Spark refuses to start: " + problem);
        }
    }

    private void migrate() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            Migrator.migrate(c, settings.migrationContexts());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Database migration failed", e);
            String hint = String.valueOf(e.getMessage()).contains("permission denied")
                    ? " (the pools' role has DML only: apply new changesets as the owner first, DATABASE_MIGRATION_URL=... ./spark migrate)" : "";
            throw new IllegalStateException("Database migration failed: " + e.getMessage() + hint, e);
        }
        LOG.info(() -> "Database schema is up to date (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }
}
