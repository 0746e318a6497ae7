package org.projectspark.platform.migration;

/**
 * Prints a database URL as shell assignments for the provisioning and backup scripts, so that the
 * {@code postgresql://} form is parsed in one place. Usage: {@code PoolSettingsCommand PREFIX URL}.
 * Values are single-quoted for the shell.
 */
public final class PoolSettingsCommand {

    private PoolSettingsCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PoolSettingsCommand PREFIX URL");
            System.exit(2);
        }
        String prefix = args[0];
        try {
            DatabaseUrl url = DatabaseUrl.parse(args[1]);
            print(prefix + "_JDBC_URL", url.jdbcUrl());
            print(prefix + "_USER", url.user());
            print(prefix + "_PASSWORD", url.password() == null ? "" : url.password());
            print(prefix + "_SAFE", url.toString());
            print(prefix + "_HOST", url.host());
            print(prefix + "_PORT", Integer.toString(url.port()));
            print(prefix + "_NAME", url.database());
            print(prefix + "_SSLMODE", url.sslMode());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void print(String name, String value) {
        System.out.println(name + "='" + value.replace("'", "'\\''") + "'");
    }
}
