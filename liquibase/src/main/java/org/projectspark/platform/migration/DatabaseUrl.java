package org.projectspark.platform.migration;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL location as the deployment guide writes it ({@code postgresql://user:pass@host:port/db?params})
 * or as JDBC does ({@code jdbc:postgresql://host:port/db?user=...}); turned into what JDBC and the
 * server's connection pool need. The password never appears in {@link #toString()}.
 */
public final class DatabaseUrl {

    private static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String query;

    private DatabaseUrl(String host, int port, String database, String user, String password, String query) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.query = query;
    }

    public static DatabaseUrl parse(String url) {
        Objects.requireNonNull(url, "database URL");
        String trimmed = url.trim();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring(5) : trimmed;
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a URL (expected postgresql://user:pass@host:port/db)");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// (got scheme '" + scheme + "')");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isBlank() || path.contains("/")) {
            throw new IllegalArgumentException("DATABASE_URL must name one database, as in postgresql://host:5432/project_spark");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        // Parameters meant for other drivers (Prisma's connection_limit, pool_timeout) are dropped;
        // user and password in the query are honoured as JDBC does.
        StringBuilder kept = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "connection_limit", "pool_timeout", "schema" -> { }
                    default -> kept.append(kept.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(host, port, path, user == null ? "postgres" : user, password, kept.toString());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** JDBC URL without credentials. */
    public String jdbcUrl() {
        return jdbcUrlFor(database);
    }

    /** The same server, another database (used to create ours from the maintenance database). */
    public String jdbcUrlFor(String otherDatabase) {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + otherDatabase + (query.isEmpty() ? "" : "?" + query);
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The {@code sslmode} parameter (for libpq tools such as pg_dump), empty when the URL has none. */
    public String sslMode() {
        for (String pair : query.split("&")) {
            if (pair.startsWith("sslmode=")) {
                return decode(pair.substring("sslmode=".length()));
            }
        }
        return "";
    }

    public String host() { return host; }
    public int port() { return port; }
    public String database() { return database; }
    public String user() { return user; }
    /** May be null: trust and peer authentication need none. */
    public String password() { return password; }

    @Override
    public String toString() {
        return "postgresql://" + user + (password == null ? "" : ":***") + "@" + hostForUrl() + ":" + port + "/" + database;
    }
}
