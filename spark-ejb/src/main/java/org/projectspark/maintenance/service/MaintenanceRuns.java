package org.projectspark.maintenance.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * maintenance_runs over plain JDBC, each call in its own auto-committed statement: never part of a caller's
 * transaction (NOT_SUPPORTED), so a job that rolls back cannot take its own record with it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceRuns {

    private static final int DETAIL_MAX = 2000;

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    /**
     * Claims a scheduled slot for this instance: only the first instance to move last_slot forward to it runs
     * the job; everyone else's UPDATE finds the row already there (PostgreSQL re-checks the condition after
     * waiting for the winner's row lock) and updates nothing.
     */
    public boolean claim(MaintenanceJob job, Instant slot) {
        OffsetDateTime at = slot.atOffset(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance_runs (job) VALUES (?) ON CONFLICT (job) DO NOTHING")) {
                ps.setString(1, job.jobName());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE maintenance_runs SET last_slot = ? WHERE job = ? AND (last_slot IS NULL OR last_slot < ?)")) {
                ps.setObject(1, at);
                ps.setString(2, job.jobName());
                ps.setObject(3, at);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim the " + slot + " slot of " + job.jobName() + ": " + e.getMessage(), e);
        }
    }

    /** Records a finished run (inserting the row when a manual run comes first) and answers the row as it now is. */
    public MaintenanceRun record(MaintenanceJob job, Instant started, Instant finished, Outcome outcome, String detail, String instance) {
        boolean ran = outcome != Outcome.SKIPPED;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO maintenance_runs AS r (job, last_started_at, last_finished_at, last_duration_ms, last_outcome, last_detail,
                                                   last_instance, runs, failures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job) DO UPDATE SET last_started_at = EXCLUDED.last_started_at, last_finished_at = EXCLUDED.last_finished_at,
                       last_duration_ms = EXCLUDED.last_duration_ms, last_outcome = EXCLUDED.last_outcome, last_detail = EXCLUDED.last_detail,
                       last_instance = EXCLUDED.last_instance, runs = r.runs + EXCLUDED.runs, failures = r.failures + EXCLUDED.failures
                RETURNING *""")) {
            ps.setString(1, job.jobName());
            ps.setObject(2, started.atOffset(ZoneOffset.UTC));
            ps.setObject(3, finished.atOffset(ZoneOffset.UTC));
            ps.setLong(4, finished.toEpochMilli() - started.toEpochMilli());
            ps.setString(5, outcome.name());
            ps.setString(6, detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail);
            ps.setString(7, instance);
            ps.setLong(8, ran ? 1 : 0);
            ps.setLong(9, outcome == Outcome.FAILED ? 1 : 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the run of " + job.jobName() + ": " + e.getMessage(), e);
        }
    }

    /** Every job of the catalogue, in its order, with its row or {@link MaintenanceRun#never} when it has none. */
    public Map<MaintenanceJob, MaintenanceRun> all() {
        Map<String, MaintenanceRun> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM maintenance_runs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                MaintenanceRun r = read(rs);
                rows.put(r.job(), r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read maintenance_runs: " + e.getMessage(), e);
        }
        Map<MaintenanceJob, MaintenanceRun> all = new LinkedHashMap<>();
        for (MaintenanceJob job : MaintenanceJob.values()) {
            all.put(job, rows.getOrDefault(job.jobName(), MaintenanceRun.never(job.jobName())));
        }
        return all;
    }

    private static MaintenanceRun read(ResultSet rs) throws SQLException {
        long duration = rs.getLong("last_duration_ms");
        Optional<Long> durationMs = rs.wasNull() ? Optional.empty() : Optional.of(duration);
        return new MaintenanceRun(rs.getString("job"),
                Optional.ofNullable(rs.getObject("last_slot", OffsetDateTime.class)),
                Optional.ofNullable(rs.getObject("last_started_at", OffsetDateTime.class)),
                Optional.ofNullable(rs.getObject("last_finished_at", OffsetDateTime.class)),
                durationMs,
                Optional.ofNullable(rs.getString("last_outcome")).map(Outcome::valueOf),
                Optional.ofNullable(rs.getString("last_detail")),
                Optional.ofNullable(rs.getString("last_instance")),
                rs.getLong("runs"), rs.getLong("failures"));
    }
}
