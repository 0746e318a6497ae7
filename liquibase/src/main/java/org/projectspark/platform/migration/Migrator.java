package org.projectspark.platform.migration;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Brings a database to the newest schema with Liquibase. The same code runs from the command line
 * (the guide's "migrate deploy") and at application start; Liquibase's lock table makes concurrent
 * runs from several cluster instances safe.
 */
public final class Migrator {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final Logger LOG = Logger.getLogger(Migrator.class.getName());
    private static final Pattern SAFE_DB_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Migrator() {
    }

    /**
     * The Liquibase contexts for an environment: its name, plus {@code demo} (the demo school, its accounts
     * and courses) when DEMO_DATA says so, by default in development only. Never empty: an empty context
     * list would make Liquibase apply every context, demo data included.
     */
    public static String contexts(String environment, String demoData) {
        String env = environment == null || environment.isBlank() ? "development" : environment;
        boolean demo = demoData == null || demoData.isBlank() ? "development".equals(env) : Boolean.parseBoolean(demoData.trim());
        return demo ? env + ",demo" : env;
    }

    /** Applies pending changesets on an open connection; the caller owns the connection. */
    public static void migrate(Connection connection, String contexts) throws Exception {
        migrate(connection, contexts, CHANGELOG);
    }

    /**
     * Applies the pending changesets of {@code changelog}, a resource on the class path that includes
     * {@link #CHANGELOG} (so its changesets keep their identities) and adds its own after it.
     */
    public static void migrate(Connection connection, String contexts, String changelog) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        ClassLoader loader = Migrator.class.getClassLoader();
        // Liquibase reports through the log, not by printing to standard output
        Scope.child(Map.of(Scope.Attr.classLoader.name(), loader, Scope.Attr.ui.name(), new LoggerUIService()), () -> {
            Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database);
            liquibase.update(contexts == null ? "" : contexts);
        });
    }

    /** Creates the database named by the URL when it does not exist yet. Returns true if it created it. */
    public static boolean createDatabaseIfMissing(DatabaseUrl url) throws SQLException {
        if (!SAFE_DB_NAME.matcher(url.database()).matches()) {
            throw new IllegalArgumentException("database name '" + url.database() + "' must be letters, digits and underscores");
        }
        try (Connection c = DriverManager.getConnection(url.jdbcUrlFor("postgres"), credentials(url));
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, url.database());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + url.database() + "\"");
            }
            LOG.info(() -> "created database " + url.database());
            return true;
        }
    }

    public static Properties credentials(DatabaseUrl url) {
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        return p;
    }
}
