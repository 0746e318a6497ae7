package org.projectspark.platform.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./spark migrate}: creates the database if needed and applies every pending changeset.
 * Reads DATABASE_URL from the environment (default: the development database), and SPARK_ENV and
 * DEMO_DATA for the contexts (an argument overrides them). {@code --create-only} creates the database and
 * leaves the migration to the application's start (Payara Micro).
 */
public final class MigrateCommand {

    public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@localhost:5432/project_spark";

    /** Liquibase narrates every step at INFO; on the command line only problems are worth showing. Held so JUL keeps the level. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private MigrateCommand() {
    }

    public static void main(String[] args) throws Exception {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        String raw = System.getenv().getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL);
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            System.err.println("migrate: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> rest = new ArrayList<>(List.of(args));
        String changelog = Migrator.CHANGELOG;
        int at = rest.indexOf("--changelog");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                System.err.println("migrate: --changelog needs a class path resource");
                System.exit(2);
                return;
            }
            changelog = rest.get(at + 1);
            rest.subList(at, at + 2).clear();
        }
        boolean createOnly = !rest.isEmpty() && rest.get(0).equals("--create-only");
        String contexts = !rest.isEmpty() && !createOnly ? rest.get(0) : Migrator.contexts(System.getenv("SPARK_ENV"), System.getenv("DEMO_DATA"));
        boolean created = Migrator.createDatabaseIfMissing(url);
        System.out.println("migrate: database " + url + (created ? " created" : " exists"));
        if (createOnly) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), Migrator.credentials(url))) {
            Migrator.migrate(c, contexts, changelog);
        }
        System.out.println("migrate: schema is up to date");
    }
}
