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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs before the application serves a request: refuses unsafe settings, migrates the schema with
 * Liquibase, and tells the features that the schema is ready (the first admin is made then). A failure here fails the deployment, with the reason in the log.
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

    private void migrate() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            Migrator.migrate(c, settings.migrationContexts());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Database migration failed", e);
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Database schema is up to date (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }
}
