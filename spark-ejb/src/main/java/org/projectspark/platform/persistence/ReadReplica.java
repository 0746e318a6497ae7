package org.projectspark.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;
import org.projectspark.platform.health.ServiceReport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The state of the read database ({@code jdbc/spark-read}, DATABASE_READ_URL) as this instance last found it: whether it
 * answers, whether it is a standby, and how far it lags. {@link LagTolerantReads} sends reads there only while it answers
 * within READ_REPLICA_MAX_LAG; {@link ReplicaChecks} asks it again every READ_REPLICA_CHECK_INTERVAL, so a replica that
 * went away costs one failed read, not a failed connection attempt on every request, and takes reads again once it is
 * back. Shown in the health document as {@code services.readReplica}; it never makes the server unready.
 */
@ApplicationScoped
public class ReadReplica implements ServiceReport {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class.getName());

    /**
     * Lag as the standby sees it: nothing when it has replayed all it received while streaming (an idle primary sends
     * no commits, so the last replayed commit's age would be no lag at all); otherwise the age of the last commit it
     * replayed, which grows while replay is paused or the stream is cut.
     */
    private static final String PROBE = "SELECT pg_is_in_recovery(),"
            + " CASE WHEN NOT pg_is_in_recovery() THEN 0"
            + "  WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE COALESCE(status, 'streaming') = 'streaming')"
            + "   AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0"
            + "  ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0) END,"
            + " CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END";

    @Resource(lookup = "jdbc/spark-read")
    DataSource readPool;

    /** Reads move to the primary while the replica lags more than this. */
    @Inject @ConfigProperty(name = "READ_REPLICA_MAX_LAG")
    String maxLag;

    @Inject @ConfigProperty(name = "READ_REPLICA_CHECK_INTERVAL")
    String checkInterval;

    private Duration maxLagValue;
    private Duration checkIntervalValue;

    /** Replaced whole, never changed: readers on request threads see one consistent state. */
    private volatile Found found = Found.UNCHECKED;

    /** What the last check (or a failed read) found. */
    record Found(Status status, boolean standby, double lagSeconds, boolean replayPaused, String error, OffsetDateTime at,
                 OffsetDateTime since) {

        static final Found UNCHECKED = new Found(Status.HEALTHY, false, 0, false, null, null, null);
    }

    enum Status { HEALTHY, LAGGING, UNAVAILABLE }

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        maxLagValue = problems.duration("READ_REPLICA_MAX_LAG", maxLag, 1000);
        checkIntervalValue = problems.duration("READ_REPLICA_CHECK_INTERVAL", checkInterval, 1000);
        problems.failIfAny();
    }

    Duration checkInterval() {
        return checkIntervalValue;
    }

    /** Whether lag-tolerant reads go to the read pool now. Until the first check: yes (a failed read corrects it). */
    public boolean takesReads() {
        return found.status() == Status.HEALTHY;
    }

    /** Asks the read database how it is; run by {@link ReplicaChecks}, never on a request thread. */
    void check() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = readPool.getConnection(); PreparedStatement ps = c.prepareStatement(PROBE)) {
            ps.setQueryTimeout(5);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double lag = rs.getDouble(2);
                Status status = lag > maxLagValue.toMillis() / 1000.0 ? Status.LAGGING : Status.HEALTHY;
                record(new Found(status, rs.getBoolean(1), lag, rs.getBoolean(3), null, now, since(status, now)));
            }
        } catch (Exception e) {
            record(new Found(Status.UNAVAILABLE, found.standby(), 0, false, e.getClass().getSimpleName(), now, since(Status.UNAVAILABLE, now)));
        }
    }

    /** A read found the read database unreachable: reads go to the primary until a check finds it back. */
    void failed(Throwable e) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        record(new Found(Status.UNAVAILABLE, found.standby(), 0, false, e.getClass().getSimpleName(), now, since(Status.UNAVAILABLE, now)));
    }

    private OffsetDateTime since(Status status, OffsetDateTime now) {
        Found last = found;
        return last.status() == status && last.since() != null ? last.since() : now;
    }

    private void record(Found next) {
        Found last = found;
        found = next;
        if (last.status() != next.status()) {
            switch (next.status()) {
                case HEALTHY -> LOG.info(() -> "Read database " + (next.standby() ? "replica" : "(the primary itself)")
                        + " takes reads" + (last == Found.UNCHECKED ? "" : " again"));
                case LAGGING -> LOG.warning(() -> "Read replica lags " + Math.round(next.lagSeconds()) + " s (READ_REPLICA_MAX_LAG "
                        + maxLagValue.toSeconds() + " s): reads go to the primary until it catches up");
                case UNAVAILABLE -> LOG.warning(() -> "Read database unreachable (" + next.error()
                        + "): reads go to the primary until it answers again");
            }
        }
    }

    @Override
    public String name() {
        return "readReplica";
    }

    @Override
    public Map<String, Object> report() {
        Found f = found;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", switch (f.status()) {
            case HEALTHY -> "healthy";
            case LAGGING -> "lagging";
            case UNAVAILABLE -> "unavailable";
        });
        m.put("readsFrom", f.status() == Status.HEALTHY && f.standby() ? "replica" : "primary");
        m.put("standby", f.standby());
        if (f.status() != Status.UNAVAILABLE) {
            m.put("lagSeconds", Math.round(f.lagSeconds() * 100) / 100.0);
            m.put("replayPaused", f.replayPaused());
        } else {
            m.put("error", f.error());
        }
        m.put("maxLagSeconds", maxLagValue.toSeconds());
        if (f.at() != null) {
            m.put("checkedAt", f.at().toString());
            m.put("since", f.since().toString());
        }
        m.put("required", false);
        return m;
    }
}
