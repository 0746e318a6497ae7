package org.projectspark.platform.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./spark migrate}: creates the database if needed and applies every pending changeset.
 * Connects as DATABASE_MIGRATION_URL (the schema's owner, server-config/postgres/roles.sql), else as DATABASE_URL
 * (default: the development database, where one role does both); reads SPARK_ENV and
 * DEMO_DATA for the contexts (an argument overrides them). {@code --create-only} creates the database and
 * leaves the migration to the application's start (Payara Micro).
 */
public final class MigrateCommand {

    public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@localhost:5432/project_spark";

    /** Liquibase narrates every step at INFO; on the command line only problems are worth showing. Held so JUL keeps the level. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private MigrateCommand() {
    }

    /** The owner migrates; without DATABASE_MIGRATION_URL, DATABASE_URL's role does. */
    static String migrationUrl(java.util.Map<String, String> env) {
        String owner = env.get("DATABASE_MIGRATION_URL");
        if (owner != null && !owner.isBlank()) {
            return owner;
        }
        return env.getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL);
    }

    public static void main(String[] args) throws Exception {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        String raw = migrationUrl(System.getenv());
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
