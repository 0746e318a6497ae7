package org.projectspark.maintenance.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.projectspark.platform.error.NotFoundException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs maintenance jobs on plain JDBC: each job in its own transaction on its own connection, under a
 * transaction-scoped advisory lock so that a manual run and a scheduled run of one job never overlap, and
 * records every outcome afterwards in a separate statement (a rolled-back job still leaves its FAILED record).
 * NOT_SUPPORTED: no JTA transaction (and no transaction timeout) around work that may take minutes.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceRunner {

    private static final Logger LOG = Logger.getLogger(MaintenanceRunner.class.getName());
    /**
     * First key of the two-key advisory lock; the second is hashtext(job name). Two-key locks never collide
     * with one-key (bigint) advisory locks taken elsewhere.
     */
    static final String LOCK_NAMESPACE = "spark-maintenance";

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    @EJB
    MaintenanceRuns runs;

    @Inject
    MaintenanceSettings settings;

    @Inject
    MaintenanceMetrics metrics;

    @Inject
    @Any
    Instance<ScheduledTask> tasks;

    /** What a scheduled slot did for one job: nothing when another instance had claimed it. */
    public record SlotResult(MaintenanceJob job, Optional<MaintenanceRun> run) {
        public boolean claimed() {
            return run.isPresent();
        }
    }

    /** An admin's run, now, outside any slot (it claims nothing, so the next scheduled run still happens). */
    public MaintenanceRun runNow(String jobName) {
        MaintenanceJob job = MaintenanceJob.named(jobName)
                .orElseThrow(() -> new NotFoundException("There is no maintenance job named '" + jobName + "'"));
        return run(job, Instant.now());
    }

    /**
     * Every job of a cadence for one scheduled slot, each claimed separately so that instances firing together
     * share the work and each job runs once per cluster. A job that fails does not stop the next one.
     */
    public List<SlotResult> runSlot(Cadence cadence, Instant slot) {
        List<SlotResult> results = new ArrayList<>();
        for (MaintenanceJob job : MaintenanceJob.of(cadence)) {
            try {
                if (runs.claim(job, slot)) {
                    results.add(new SlotResult(job, Optional.of(run(job, slot))));
                } else {
                    LOG.fine(() -> "Maintenance job " + job.jobName() + ": slot " + slot + " already claimed by another instance");
                    results.add(new SlotResult(job, Optional.empty()));
                }
            } catch (RuntimeException e) {
                // the claim or the record could not be written (database away): the next job may still manage
                LOG.log(Level.WARNING, "Maintenance job " + job.jobName() + " could not run for slot " + slot, e);
                results.add(new SlotResult(job, Optional.empty()));
            }
        }
        return results;
    }

    private MaintenanceRun run(MaintenanceJob job, Instant at) {
        Instant started = Instant.now();
        Outcome outcome;
        String detail;
        try {
            Optional<String> done = inTransaction(job, at);
            outcome = done.isPresent() ? Outcome.SUCCEEDED : Outcome.SKIPPED;
            detail = done.orElse("another run of this job was in progress (its advisory lock was taken); nothing done");
        } catch (SQLException | RuntimeException e) {
            outcome = Outcome.FAILED;
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.log(Level.WARNING, "Maintenance job " + job.jobName() + " failed: " + detail, e);
        }
        MaintenanceRun recorded = runs.record(job, started, Instant.now(), outcome, detail, instanceName());
        metrics.changed();
        Outcome o = outcome;
        LOG.info(() -> "Maintenance job " + job.jobName() + " " + o + " in " + recorded.lastDurationMs().orElse(0L) + " ms: " + recorded.lastDetail().orElse(""));
        return recorded;
    }

    /** The job's SQL in one transaction; empty when another run holds the job's lock. */
    private Optional<String> inTransaction(MaintenanceJob job, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c, job)) {
                    c.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                    ps.setString(1, settings.lockTimeout().toMillis() + "ms");
                    ps.execute();
                }
                String detail = job.byTask() ? task(job).run(at)
                        : job.run(new JobSql(c, (int) settings.statementTimeout().toSeconds(), at, settings.zone()));
                c.commit();
                return Optional.of(detail);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true); // the pool hands the connection to the next user as it found it
            }
        }
    }

    private ScheduledTask task(MaintenanceJob job) {
        return tasks.stream().filter(t -> t.job() == job).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ScheduledTask does " + job.jobName()));
    }

    private static boolean tryLock(Connection c, MaintenanceJob job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
            ps.setString(1, LOCK_NAMESPACE);
            ps.setString(2, job.jobName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Which instance ran a job, for the record. */
    static String instanceName() {
        return org.projectspark.platform.startup.Instance.name();
    }
}
