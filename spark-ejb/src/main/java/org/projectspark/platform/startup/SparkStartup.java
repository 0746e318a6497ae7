package org.projectspark.platform.startup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.migration.Migrator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs before the application serves a request: refuses unsafe settings, migrates the schema with
 * Liquibase, and creates the first admin. A failure here fails the deployment, with the reason in the log.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // Liquibase commits its own changesets
public class SparkStartup {

    private static final Logger LOG = Logger.getLogger(SparkStartup.class.getName());

    @Inject
    SparkSettings settings;

    @EJB
    AccountService accounts;

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    @PostConstruct
    void start() {
        refuseUnsafeSettings();
        migrate();
        createFirstAdmin();
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

    private void createFirstAdmin() {
        if (settings.adminPassword().isEmpty()) {
            if (!accounts.adminExists()) {
                LOG.warning(() -> "No admin exists and ADMIN_PASSWORD is not set, so none was made: set ADMIN_PASSWORD (and"
                        + " ADMIN_USERNAME, default admin) and start again to make the first admin");
            }
            return;
        }
        settings.adminPassword().ifPresent(password -> {
            AccountService.BootstrapResult result = accounts.ensureFirstAdmin(settings.adminUsername(), password, settings.adminEmail().orElse(null));
            switch (result) {
                case CREATED -> LOG.info(() -> "Created the first admin account '" + settings.adminUsername() + "'");
                case USERNAME_TAKEN -> LOG.warning(() -> "No admin exists, but ADMIN_USERNAME '" + settings.adminUsername()
                        + "' belongs to another account; set ADMIN_USERNAME to a free name");
                case ADMIN_EXISTS -> { }
            }
        });
    }
}
