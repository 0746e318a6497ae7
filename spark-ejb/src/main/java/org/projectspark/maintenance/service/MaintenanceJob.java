package org.projectspark.maintenance.service;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The job catalogue: each job's name (as in maintenance_runs, the metrics' {@code job} tag and the admin
 * endpoints), its cadence and its SQL. A job runs inside one transaction the runner opens and commits; it
 * returns a short detail for the run's record. A job of another feature ({@link #byTask}) is done by that
 * feature's {@link ScheduledTask} in its own transactions, claimed and recorded here like the rest.
 */
public enum MaintenanceJob {

    /**
     * Fresh planner statistics after the day's writes (autovacuum's thresholds lag on fast-growing tables). Through a
     * procedure that runs as the schema's owner: the application's role may not analyze tables it does not own.
     */
    ANALYZE("analyze", Cadence.DAILY) {
        @Override
        String run(JobSql sql) throws SQLException {
            sql.update("CALL spark_analyze()");
            return "statistics updated";
        }
    },

    /**
     * Read notifications are of no further use after 30 days; unread ones stay until read. Outbox rows that are done
     * (sent, failed, dropped) are kept 30 days for support, never while still waiting.
     */
    PURGE_READ_NOTIFICATIONS("purge-read-notifications", Cadence.DAILY) {
        @Override
        String run(JobSql sql) throws SQLException {
            int read = sql.update("DELETE FROM user_notifications WHERE is_read AND created_at < now() - interval '30 days'");
            int done = sql.update("DELETE FROM notification_deliveries WHERE status <> 'PENDING' AND finished_at < now() - interval '30 days'");
            return read + " read notifications and " + done + " finished email/SMS deliveries deleted";
        }
    },

    /**
     * Finished sync sessions are kept a week for support; one still IN_PROGRESS is never deleted, but closed FAILED
     * after an hour (its instance died). The download change log is kept 90 days (SyncSettings.CHANGES_KEPT_DAYS): a
     * device with an older cursor does a full sync.
     */
    PURGE_SYNC_LOGS("purge-sync-logs", Cadence.DAILY) {
        @Override
        String run(JobSql sql) throws SQLException {
            int logs = sql.update("DELETE FROM sync_logs WHERE status IN ('COMPLETED', 'FAILED') AND created_at < now() - interval '7 days'");
            int changes = sql.update("DELETE FROM sync_changes WHERE changed_at < now() - interval '90 days'");
            // a session an instance left behind when it died and never came back to close
            int interrupted = sql.update("UPDATE sync_logs SET status = 'FAILED', completed_at = now(), error = 'interrupted:"
                    + " the server applying it stopped; what was committed stays, the device resends the rest'"
                    + " WHERE status = 'IN_PROGRESS' AND created_at < now() - interval '1 hour'");
            return logs + " sync logs and " + changes + " download change-log entries deleted, " + interrupted + " interrupted sessions closed";
        }
    },

    /**
     * Offline hand-ins that wait for a file: applied when their upload completed (should the moment it did have been
     * missed), rejected with the reason when it expired or was ended (sync.WaitingEvents).
     */
    SETTLE_WAITING_EVENTS("settle-waiting-events", Cadence.HOURLY, true),

    /** At the end of each school's day: students told of assignments due the next day they have not finished. */
    NOTIFY_ASSIGNMENTS_DUE("notify-assignments-due", Cadence.HOURLY, true),

    /** At the end of each school's day: students who learned yesterday but not yet today told their streak is at risk. */
    NOTIFY_STREAKS_AT_RISK("notify-streaks-at-risk", Cadence.HOURLY, true),

    /** Weekly (the first run of each week): guardians told of each child who has not learned for 7 days. */
    NOTIFY_INACTIVE_CHILDREN("notify-inactive-children", Cadence.DAILY, true),

    /**
     * Files nothing refers to (past UNREFERENCED_FILE_GRACE) and unfinished uploads past their expiry, with their bytes
     * in the storage: media's FileCleanup.
     */
    DELETE_UNREFERENCED_FILES("delete-unreferenced-files", Cadence.DAILY, true),

    /**
     * CONCURRENTLY: teachers keep reading the old numbers while the new ones are computed (needs its unique index).
     * Through a procedure that runs as the view's owner, as only an owner may refresh it.
     */
    REFRESH_CLASS_SUMMARY("refresh-class-summary", Cadence.DAILY) {
        @Override
        String run(JobSql sql) throws SQLException {
            sql.update("CALL spark_refresh_class_summary()");
            return "class_performance_summary refreshed (" + sql.count("SELECT count(*) FROM class_performance_summary") + " classes)";
        }
    },

    /**
     * The past calendar month per class, kept for trend reports because the live tables keep changing. The month
     * is the one before the run's date in the maintenance zone; its boundaries are midnight in each school's own
     * zone. Idempotent: a second run of the same month replaces its rows.
     */
    MONTHLY_CLASS_ANALYTICS("monthly-class-analytics", Cadence.MONTHLY) {
        @Override
        String run(JobSql sql) throws SQLException {
            LocalDate month = LocalDate.ofInstant(sql.at(), sql.zone()).withDayOfMonth(1).minusMonths(1);
            int classes = sql.update(MONTHLY_SQL, month);
            return "month " + month.toString().substring(0, 7) + " aggregated for " + classes + " classes";
        }
    };

    /*
     * Students are the class's current enrolments (class_enrolments keeps no history, so a student who left
     * during the month is not counted, one who joined after it is). Submissions, scores and completions are
     * the student's whole learning in the month, as in class_performance_summary. Classes created after the
     * month get no row for it.
     */
    private static final String MONTHLY_SQL = """
            WITH target AS (SELECT CAST(? AS date) AS month),
            bounds AS (
                SELECT c.id AS class_id, t.month,
                       t.month::timestamp AT TIME ZONE s.time_zone AS from_at,
                       (t.month + interval '1 month')::timestamp AT TIME ZONE s.time_zone AS to_at,
                       c.created_at
                  FROM classes c JOIN schools s ON s.id = c.school_id CROSS JOIN target t
            ),
            per_student AS (
                SELECT b.class_id, e.student_id, sb.n AS submissions, sb.total AS score_total, pc.n AS completed, xp.points
                  FROM bounds b
                  JOIN class_enrolments e ON e.class_id = b.class_id
                  CROSS JOIN LATERAL (SELECT count(*) AS n, sum(s.score) AS total FROM submissions s
                                       WHERE s.student_id = e.student_id AND s.submitted_at >= b.from_at AND s.submitted_at < b.to_at) sb
                  CROSS JOIN LATERAL (SELECT count(*) AS n FROM student_progress p
                                       WHERE p.student_id = e.student_id AND p.status = 'COMPLETED'
                                         AND p.completed_at >= b.from_at AND p.completed_at < b.to_at) pc
                  CROSS JOIN LATERAL (SELECT COALESCE(sum(x.points), 0) AS points FROM xp_events x
                                       WHERE x.student_id = e.student_id AND x.reason <> 'RULES_ADJUSTMENT'
                                         AND x.created_at >= b.from_at AND x.created_at < b.to_at) xp
            )
            INSERT INTO class_monthly_analytics AS m (class_id, month, students, active_students, submissions, average_score,
                                                      activities_completed, xp_earned, aggregated_at)
            SELECT b.class_id, b.month,
                   count(ps.student_id),
                   count(ps.student_id) FILTER (WHERE ps.submissions > 0 OR ps.completed > 0),
                   COALESCE(sum(ps.submissions), 0),
                   round(sum(ps.score_total) / NULLIF(sum(ps.submissions), 0), 2),
                   COALESCE(sum(ps.completed), 0),
                   COALESCE(sum(ps.points), 0),
                   now()
              FROM bounds b LEFT JOIN per_student ps ON ps.class_id = b.class_id
             WHERE b.created_at < b.to_at
             GROUP BY b.class_id, b.month
            ON CONFLICT (class_id, month) DO UPDATE SET
                   students = EXCLUDED.students, active_students = EXCLUDED.active_students,
                   submissions = EXCLUDED.submissions, average_score = EXCLUDED.average_score,
                   activities_completed = EXCLUDED.activities_completed, xp_earned = EXCLUDED.xp_earned,
                   aggregated_at = EXCLUDED.aggregated_at
            """;

    private final String jobName;
    private final Cadence cadence;
    private final boolean byTask;

    MaintenanceJob(String jobName, Cadence cadence) {
        this(jobName, cadence, false);
    }

    MaintenanceJob(String jobName, Cadence cadence, boolean byTask) {
        this.jobName = jobName;
        this.cadence = cadence;
        this.byTask = byTask;
    }

    String run(JobSql sql) throws SQLException {
        throw new IllegalStateException(jobName + " is done by a ScheduledTask, not by SQL here");
    }

    /** Done by another feature's {@link ScheduledTask} rather than by SQL of this catalogue. */
    public boolean byTask() { return byTask; }

    public String jobName() { return jobName; }
    public Cadence cadence() { return cadence; }

    public static Optional<MaintenanceJob> named(String name) {
        return Arrays.stream(values()).filter(j -> j.jobName.equals(name)).findFirst();
    }

    public static List<MaintenanceJob> of(Cadence cadence) {
        return Arrays.stream(values()).filter(j -> j.cadence == cadence).toList();
    }
}
