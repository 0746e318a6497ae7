package org.projectspark.it;

import org.projectspark.platform.migration.DatabaseUrl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A streaming replica of the machine's PostgreSQL (the test database's server), made as an operator would:
 * {@code pg_basebackup -R} into a temporary folder, then a second {@code postgres} on a port of its own on loopback, run
 * as the {@code postgres} user. The primary must accept replication connections from 127.0.0.1: a missing
 * {@code host replication all 127.0.0.1/32 trust} line is added to its pg_hba.conf (once; the file is the server's own,
 * as {@code SHOW hba_file} names it) and the configuration reloaded. Stopped and removed by {@link #close()}.
 */
final class StreamingReplica implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamingReplica.class.getName());
    static final String HBA_LINE = "host replication all 127.0.0.1/32 trust";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    /** Settings a standby must hold at least as high as its primary, or it refuses to start. */
    private static final List<String> AT_LEAST_PRIMARY = List.of("max_connections", "max_worker_processes", "max_wal_senders",
            "max_prepared_transactions", "max_locks_per_transaction");

    private final DatabaseUrl primary;
    private final int port;
    private final Path dataDir;
    private final String bin;
    private final List<String> settings;

    private StreamingReplica(DatabaseUrl primary, int port, Path dataDir, String bin, List<String> settings) {
        this.primary = primary;
        this.port = port;
        this.dataDir = dataDir;
        this.bin = bin;
        this.settings = settings;
    }

    static StreamingReplica start(DatabaseUrl primary, int port) throws Exception {
        String bin;
        List<String> settings = new ArrayList<>(List.of("-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1"));
        try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), primary.user(), primary.password()); Statement s = c.createStatement()) {
            allowReplication(s);
            bin = System.getProperty("spark.postgresBin", "/usr/lib/postgresql/" + value(s, "SHOW server_version_num").substring(0, 2) + "/bin");
            for (String name : AT_LEAST_PRIMARY) {
                settings.addAll(List.of("-c", name + "=" + value(s, "SHOW " + name)));
            }
        }
        Path tmp = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));
        Path dir = Files.createTempDirectory(tmp, "spark-replica-");
        StreamingReplica replica = new StreamingReplica(primary, port, dir, bin, settings);
        try {
            replica.stopLeftover();
            asPostgres(List.of("chown", "postgres:postgres", dir.toString()), false);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            replica.postgres("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primary.port()), "-U", primary.user(),
                    "-D", dir.toString(), "-R", "-X", "stream", "-c", "fast");
            // Debian keeps the configuration outside the data folder: the copy gets its own, and its socket in its folder
            replica.postgres("sh", "-c", "touch " + dir.resolve("postgresql.conf") + " " + dir.resolve("pg_ident.conf")
                    + " && printf 'local all all trust\\nhost all all 127.0.0.1/32 trust\\n' > " + dir.resolve("pg_hba.conf"));
            replica.begin();
        } catch (Exception e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    /** Starts the replica's server (again, after {@link #stop()}), and waits until it accepts connections. */
    void begin() {
        List<String> options = new ArrayList<>(settings);
        options.addAll(List.of("-c", "unix_socket_directories=" + dataDir));
        postgres(bin + "/pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", String.join(" ", options), "start");
    }

    /** Stops the replica's server at once (connections cut, as a crash or a network cut would). */
    void stop() {
        postgres(bin + "/pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    }

    /** The test database, on the replica. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + primary.database(), primary.user(), primary.password());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + primary.database();
    }

    /** Waits until the replica has replayed everything the primary had written when this was called. */
    void awaitCaughtUp(Duration within) throws Exception {
        String target;
        try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), primary.user(), primary.password()); Statement s = c.createStatement()) {
            target = value(s, "SELECT pg_current_wal_lsn()");
        }
        long until = System.nanoTime() + within.toNanos();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            while (!"t".equals(value(s, "SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn"))) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the replica did not replay up to " + target + " within " + within);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop();
            }
        } catch (RuntimeException e) {
            LOG.warning(e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("could not remove " + dataDir + ": " + e);
        }
    }

    /** A replica an interrupted run left on this port is stopped first (its folder is found from its pid file). */
    private void stopLeftover() {
        try (Stream<Path> dirs = Files.list(dataDir.getParent())) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("spark-replica-") && !p.equals(dataDir)).toList()) {
                Path pid = d.resolve("postmaster.pid");
                if (Files.isReadable(pid) && Files.readAllLines(pid).size() > 3 && Files.readAllLines(pid).get(3).trim().equals(String.valueOf(port))) {
                    LOG.info("Stopping the replica an earlier run left in " + d);
                    postgres(bin + "/pg_ctl", "-D", d.toString(), "-m", "immediate", "-w", "stop");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not look for a leftover replica: " + e);
        }
    }

    private static void allowReplication(Statement s) throws SQLException, IOException {
        Path hba = Path.of(value(s, "SHOW hba_file"));
        List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
        boolean present = lines.stream().map(l -> l.trim().replaceAll("\\s+", " ")).anyMatch(HBA_LINE::equals);
        if (!present) {
            if (!Files.isWritable(hba)) {
                throw new IllegalStateException("the primary does not accept replication from 127.0.0.1 and " + hba
                        + " is not writable here: add the line '" + HBA_LINE + "' to it and reload PostgreSQL");
            }
            LOG.warning("Adding '" + HBA_LINE + "' to " + hba + " (replication connections from loopback) and reloading PostgreSQL");
            Files.writeString(hba, System.lineSeparator() + "# streaming replicas on this machine (Project Spark's ReadReplicaIT)"
                    + System.lineSeparator() + HBA_LINE + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static String value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A command run as the postgres user (PostgreSQL refuses to run its server as root). */
    private void postgres(String... command) {
        asPostgres(List.of(command), true);
    }

    private static void asPostgres(List<String> command, boolean switchUser) {
        List<String> full = new ArrayList<>();
        if (switchUser && "root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Commands.run(full, String.join(" ", command), COMMAND_TIMEOUT);
    }
}
