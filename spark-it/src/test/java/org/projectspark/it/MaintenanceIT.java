package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance jobs on real rows, run through the admin endpoints: what each job deletes, refreshes or
 * aggregates (and what it leaves alone), the record of each run, the advisory lock that keeps two runs of a
 * job apart (SKIPPED), a job that fails (FAILED) without stopping the rest of its slot, and the slot claim
 * that makes a scheduled slot run once per cluster.
 */
@ExtendWith(ArquillianExtension.class)
class MaintenanceIT extends DeployedEar {

    private static final String BASE = "/api/v1/admin/maintenance";
    /** The test domain runs in UTC with no MAINTENANCE_TIME_ZONE: "the past month" is the UTC calendar's. */
    private static final LocalDate LAST_MONTH = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);

    // --- the jobs' effects -------------------------------------------------------------------------------

    @Test
    void purgeReadNotificationsDeletesOnlyReadOnesOlderThan30Days() throws Exception {
        UUID user = UUID.fromString(Fixtures.newStudent(null).id());
        UUID oldRead = notification(user, true, 31);
        UUID oldUnread = notification(user, false, 40);
        UUID recentRead = notification(user, true, 29);

        JsonObject run = runJob("purge-read-notifications");

        assertThat(run.getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("lastDetail")).endsWith("finished email/SMS deliveries deleted");
        assertThat(exists("user_notifications", oldRead)).isFalse();
        assertThat(exists("user_notifications", oldUnread)).as("unread: kept however old").isTrue();
        assertThat(exists("user_notifications", recentRead)).as("read 29 days ago: kept").isTrue();
    }

    @Test
    void purgeSyncLogsDeletesOnlyFinishedOnesOlderThan7Days() throws Exception {
        UUID user = UUID.fromString(Fixtures.newStudent(null).id());
        UUID oldCompleted = syncLog(user, "COMPLETED", 8);
        UUID oldFailed = syncLog(user, "FAILED", 8);
        UUID oldInProgress = syncLog(user, "IN_PROGRESS", 30);
        UUID recentCompleted = syncLog(user, "COMPLETED", 6);
        long oldChange;
        long recentChange;
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_changes (scope_id, entity, entity_key, changed_at) VALUES (?, 'profile', 'x', now() - make_interval(days => ?)) RETURNING seq")) {
            ps.setObject(1, user);
            ps.setInt(2, 91);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                oldChange = rs.getLong(1);
            }
            ps.setInt(2, 89);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                recentChange = rs.getLong(1);
            }
        }

        JsonObject run = runJob("purge-sync-logs");

        assertThat(run.getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(exists("sync_logs", oldCompleted)).isFalse();
        assertThat(exists("sync_logs", oldFailed)).isFalse();
        assertThat(exists("sync_logs", oldInProgress)).as("in progress: never deleted").isTrue();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_logs WHERE id = ?")) {
            ps.setObject(1, oldInProgress);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("left by an instance that never came back: closed").isEqualTo("FAILED");
            }
        }
        assertThat(exists("sync_logs", recentCompleted)).as("finished 6 days ago: kept").isTrue();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sync_changes WHERE seq = ?")) {
            ps.setLong(1, oldChange);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("download change log older than 90 days: deleted").isZero();
            }
            ps.setLong(1, recentChange);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("89 days old: kept").isEqualTo(1);
            }
        }
    }

    @Test
    void theClassSummaryChangesOnlyWhenRefreshed() throws Exception {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.enrol(classId, teacher, Fixtures.newStudent(school));
        assertThat(summaryStudents(classId)).as("a class created since the last refresh is not in the view yet").isNull();

        assertThat(runJob("refresh-class-summary").getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(summaryStudents(classId)).isEqualTo(1);

        Fixtures.enrol(classId, teacher, Fixtures.newStudent(school));
        assertThat(summaryStudents(classId)).as("the view keeps its numbers until refreshed").isEqualTo(1);

        JsonObject run = runJob("refresh-class-summary");
        assertThat(run.getString("lastDetail")).startsWith("class_performance_summary refreshed");
        assertThat(summaryStudents(classId)).isEqualTo(2);
    }

    @Test
    void monthlyAnalyticsOfLastMonthEqualADirectComputation() throws Exception {
        String school = Fixtures.newSchool(); // Africa/Nairobi, UTC+3: month boundaries are 21:00 UTC
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.Member s1 = Fixtures.newStudent(school);
        Fixtures.Member s2 = Fixtures.newStudent(school);
        Fixtures.Member s3 = Fixtures.newStudent(school);
        Fixtures.Member outsider = Fixtures.newStudent(school);
        for (Fixtures.Member s : List.of(s1, s2, s3)) {
            Fixtures.enrol(classId, teacher, s);
        }
        JsonObject lesson = Fixtures.publishedLesson(s1.token());
        UUID reading = UUID.fromString(lesson.getJsonArray("activities").getJsonObject(0).getString("id"));
        UUID quiz = UUID.fromString(lesson.getJsonArray("activities").getJsonObject(1).getString("id"));
        sql("UPDATE classes SET created_at = now() - interval '1 year' WHERE id = ?", UUID.fromString(classId));

        String mid = nairobi(LAST_MONTH.plusDays(14), "12:00");
        String firstMinutes = nairobi(LAST_MONTH, "00:30");             // still the previous day in UTC
        String nextMonthStart = nairobi(LAST_MONTH.plusMonths(1), "00:30"); // still last month in UTC
        String twoMonthsAgo = nairobi(LAST_MONTH.minusMonths(1).plusDays(3), "12:00");

        submission(s1, quiz, 80, mid);
        submission(s1, quiz, 60, mid);
        submission(s1, quiz, 100, nextMonthStart);
        completion(s1, reading, mid);
        xp(s1, 30, "ACTIVITY_COMPLETED", mid);
        xp(s1, 100, "RULES_ADJUSTMENT", mid);
        submission(s2, quiz, 90, firstMinutes);
        completion(s2, quiz, twoMonthsAgo);
        xp(s2, 15, "SCORE_BAND", firstMinutes);
        submission(s3, quiz, 10, twoMonthsAgo);
        submission(outsider, quiz, 50, mid);
        xp(outsider, 99, "ACTIVITY_COMPLETED", mid);

        JsonObject run = runJob("monthly-class-analytics");
        assertThat(run.getString("lastOutcome")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("lastDetail")).startsWith("month " + LAST_MONTH.toString().substring(0, 7) + " aggregated for ");

        List<Object> stored = monthlyRow(classId);
        // students, active, submissions, average score, activities completed, XP: worked out by hand above ...
        assertThat(stored).containsExactly(3L, 2L, 3L, new BigDecimal("76.67"), 1L, 45L);
        // ... and by a direct computation over the live tables
        assertThat(stored).isEqualTo(directMonthly(classId));
        assertThat(count("SELECT count(*) FROM class_monthly_analytics WHERE class_id = ?", UUID.fromString(classId)))
                .as("only last month; the class existed before it").isEqualTo(1);

        submission(s3, quiz, 40, mid);
        runJob("monthly-class-analytics");
        assertThat(monthlyRow(classId)).as("a second run replaces the month's row").containsExactly(3L, 3L, 4L, new BigDecimal("67.50"), 1L, 45L);
        assertThat(count("SELECT count(*) FROM class_monthly_analytics WHERE class_id = ?", UUID.fromString(classId))).isEqualTo(1);
    }

    // --- records, listing, metrics, access --------------------------------------------------------------

    @Test
    void theListingShowsEachJobsScheduleLastRunAndNextFiring() {
        long runsBefore = listed("analyze").getJsonNumber("runs").longValue();
        Instant before = Instant.now().minusSeconds(1);
        JsonObject run = runJob("analyze");
        assertThat(run.getString("lastOutcome")).isEqualTo("SUCCEEDED");

        Api.Reply listing = Api.get(BASE, Api.adminToken());
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().getString("timeZone")).isEqualTo("UTC");
        Map<String, JsonObject> jobs = jobsOf(listing.json());
        assertThat(jobs).containsOnlyKeys("settle-waiting-events", "notify-assignments-due", "notify-streaks-at-risk", "analyze", "purge-read-notifications",
                "purge-sync-logs", "notify-inactive-children", "delete-unreferenced-files", "refresh-class-summary", "monthly-class-analytics");
        assertThat(jobs.get("notify-streaks-at-risk").getString("schedule")).isEqualTo("hourly at minute 5");
        JsonObject analyze = jobs.get("analyze");
        assertThat(analyze.getString("schedule")).isEqualTo("daily at 02:00 (UTC)");
        assertThat(jobs.get("monthly-class-analytics").getString("schedule")).isEqualTo("monthly on the 1st at 04:00 (UTC)");
        assertThat(analyze.getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(analyze.getJsonNumber("lastDurationMs").longValue()).isNotNegative();
        assertThat(analyze.getJsonNumber("runs").longValue()).isEqualTo(runsBefore + 1);
        assertThat(Instant.parse(analyze.getString("lastStartedAt"))).isAfter(before);
        assertThat(Instant.parse(analyze.getString("lastFinishedAt"))).isAfterOrEqualTo(Instant.parse(analyze.getString("lastStartedAt")));
        assertThat(analyze.getString("lastInstance")).endsWith("/server");
        Instant next = Instant.parse(analyze.getString("nextRunAt"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(1, ChronoUnit.DAYS).plusSeconds(5));
        assertThat(next.atZone(ZoneOffset.UTC).getHour()).isEqualTo(2);
        Instant nextMonthly = Instant.parse(jobs.get("monthly-class-analytics").getString("nextRunAt"));
        assertThat(nextMonthly.atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
        assertThat(nextMonthly.atZone(ZoneOffset.UTC).getHour()).isEqualTo(4);
    }

    @Test
    void lastRunsAreMetricsTaggedByJob() {
        runJob("purge-read-notifications");
        String text = Api.get("/metrics", null).body();
        for (String gauge : List.of("maintenance_last_run_seconds", "maintenance_last_duration_seconds", "maintenance_last_success",
                "maintenance_runs", "maintenance_failures")) {
            assertThat(text).containsPattern(gauge + "\\{[^}]*job=\"purge-read-notifications\"");
            assertThat(text).containsPattern(gauge + "\\{[^}]*job=\"monthly-class-analytics\"");
        }
        assertThat(text).containsPattern("maintenance_last_success\\{[^}]*job=\"purge-read-notifications\"[^}]*} 1");
    }

    @Test
    void onlyAdminsSeeOrRunMaintenance() {
        String teacher = Api.newTeacher().getString("accessToken");
        String student = Fixtures.newStudent(null).token();
        for (String token : List.of(teacher, student)) {
            for (Api.Reply denied : List.of(Api.get(BASE, token), Api.post(BASE + "/analyze/run", "", token),
                    Api.post(BASE + "/schedules/daily/run", "", token))) {
                assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
            }
        }
        assertThat(Api.get(BASE, null).status()).isEqualTo(401);
        assertThat(Api.post(BASE + "/analyze/run", "", null).status()).isEqualTo(401);

        Api.Reply unknown = Api.post(BASE + "/vacuum-everything/run", "", Api.adminToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().getString("detail")).contains("vacuum-everything");
        assertThat(Api.post(BASE + "/schedules/weekly/run", "", Api.adminToken()).status()).isEqualTo(404);
        assertThat(Api.post(BASE + "/schedules/daily/run?slot=" + Instant.now().plus(1, ChronoUnit.DAYS), "", Api.adminToken()).status())
                .as("a future slot would block the timers until then").isEqualTo(400);
    }

    // --- locks, failures, once per cluster --------------------------------------------------------------

    @Test
    void aRunWhileAnotherHoldsTheJobsLockIsSkipped() throws Exception {
        UUID user = UUID.fromString(Fixtures.newStudent(null).id());
        UUID old = syncLog(user, "COMPLETED", 10);
        long runsBefore = listed("purge-sync-logs").getJsonNumber("runs").longValue();
        try (Connection c = Fixtures.database()) {
            c.setAutoCommit(false);
            // the same lock the runner takes: as if a scheduled run of the job were under way
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('spark-maintenance'), hashtext('purge-sync-logs'))")) {
                ps.execute();
            }
            JsonObject skipped = runJob("purge-sync-logs");
            assertThat(skipped.getString("lastOutcome")).isEqualTo("SKIPPED");
            assertThat(skipped.getString("lastDetail")).contains("in progress");
            assertThat(skipped.getJsonNumber("runs").longValue()).as("a skipped run is not counted").isEqualTo(runsBefore);
            assertThat(exists("sync_logs", old)).isTrue();
            c.rollback();
        }
        assertThat(runJob("purge-sync-logs").getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(exists("sync_logs", old)).isFalse();
    }

    /**
     * The failure is real, not simulated: the test locks one of the rows purge-sync-logs must delete (SELECT ...
     * FOR UPDATE), so the job's DELETE waits for it and gives up after MAINTENANCE_LOCK_TIMEOUT (5 s) with
     * PostgreSQL's "canceling statement due to lock timeout". ANALYZE, the other purge and the refresh do not
     * touch that row, so they must still succeed in the same slot.
     */
    @Test
    void aFailingJobIsRecordedAndTheRestOfItsSlotStillRuns() throws Exception {
        UUID user = UUID.fromString(Fixtures.newStudent(null).id());
        UUID locked = syncLog(user, "COMPLETED", 9);
        UUID other = syncLog(user, "FAILED", 9);
        UUID notification = notification(user, true, 45);
        long failuresBefore = listed("purge-sync-logs").getJsonNumber("failures").longValue();

        Map<String, JsonObject> slot;
        try (Connection c = Fixtures.database()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sync_logs WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, locked);
                ps.executeQuery().close();
            }
            slot = slotJobs(runSlot("daily", freshSlot()));
            c.rollback();
        }

        assertThat(slot).containsOnlyKeys("analyze", "purge-read-notifications", "purge-sync-logs", "notify-inactive-children",
                "delete-unreferenced-files", "refresh-class-summary");
        JsonObject failed = slot.get("purge-sync-logs").getJsonObject("run");
        assertThat(failed.getString("lastOutcome")).isEqualTo("FAILED");
        assertThat(failed.getString("lastDetail")).contains("lock timeout");
        assertThat(failed.getJsonNumber("failures").longValue()).isEqualTo(failuresBefore + 1);
        assertThat(exists("sync_logs", other)).as("the failed job's transaction rolled back as a whole").isTrue();
        for (String job : List.of("analyze", "purge-read-notifications", "refresh-class-summary")) {
            assertThat(slot.get(job).getJsonObject("run").getString("lastOutcome")).as(job).isEqualTo("SUCCEEDED");
        }
        assertThat(exists("user_notifications", notification)).as("the other purge of the slot ran").isFalse();

        JsonObject listedFailure = listed("purge-sync-logs");
        assertThat(listedFailure.getString("lastOutcome")).as("the record survives the job's rollback").isEqualTo("FAILED");
        assertThat(listedFailure.getString("lastDetail")).contains("lock timeout");

        assertThat(runJob("purge-sync-logs").getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(exists("sync_logs", locked)).isFalse();
        assertThat(exists("sync_logs", other)).isFalse();
    }

    /** Two instances firing for the same slot (here: two concurrent requests): each job runs in exactly one. */
    @Test
    void aScheduledSlotIsClaimedOncePerCluster() {
        String slot = freshSlot();
        CompletableFuture<JsonObject> a = CompletableFuture.supplyAsync(() -> runSlot("daily", slot));
        CompletableFuture<JsonObject> b = CompletableFuture.supplyAsync(() -> runSlot("daily", slot));
        Map<String, JsonObject> first = slotJobs(a.join());
        Map<String, JsonObject> second = slotJobs(b.join());
        for (String job : List.of("analyze", "purge-read-notifications", "purge-sync-logs", "refresh-class-summary")) {
            assertThat(first.get(job).getBoolean("claimed") ^ second.get(job).getBoolean("claimed"))
                    .as(job + " claimed by exactly one of the two").isTrue();
            JsonObject winner = first.get(job).getBoolean("claimed") ? first.get(job) : second.get(job);
            assertThat(winner.getJsonObject("run").getString("lastSlot")).isEqualTo(slot);
            assertThat(winner.getJsonObject("run").getString("lastOutcome")).isEqualTo("SUCCEEDED");
        }

        Map<String, JsonObject> again = slotJobs(runSlot("daily", slot));
        assertThat(again.values()).as("the same slot once more: nothing runs").allSatisfy(j -> assertThat(j.getBoolean("claimed")).isFalse());
        Map<String, JsonObject> older = slotJobs(runSlot("daily", Instant.parse(slot).minusSeconds(86_400).toString()));
        assertThat(older.values()).as("an older slot: nothing runs").allSatisfy(j -> assertThat(j.getBoolean("claimed")).isFalse());
        Map<String, JsonObject> next = slotJobs(runSlot("daily", freshSlot()));
        assertThat(next.values()).as("a later slot runs again").allSatisfy(j -> assertThat(j.getBoolean("claimed")).isTrue());
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static JsonObject runJob(String job) {
        Api.Reply r = Api.post(BASE + "/" + job + "/run", "", Api.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getString("name")).isEqualTo(job);
        return r.json();
    }

    private static JsonObject runSlot(String cadence, String slot) {
        Api.Reply r = Api.post(BASE + "/schedules/" + cadence + "/run?slot=" + slot, "", Api.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** A slot later than any claimed so far, and not in the future. */
    private static String freshSlot() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Map<String, JsonObject> slotJobs(JsonObject slotRun) {
        return slotRun.getJsonArray("jobs").stream().map(v -> v.asJsonObject())
                .collect(Collectors.toMap(j -> j.getString("name"), Function.identity()));
    }

    private static Map<String, JsonObject> jobsOf(JsonObject listing) {
        return listing.getJsonArray("jobs").stream().map(v -> v.asJsonObject())
                .collect(Collectors.toMap(j -> j.getString("name"), Function.identity()));
    }

    private static JsonObject listed(String job) {
        Api.Reply r = Api.get(BASE, Api.adminToken());
        assertThat(r.status()).isEqualTo(200);
        return jobsOf(r.json()).get(job);
    }

    private static UUID notification(UUID user, boolean read, int ageDays) throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO user_notifications (id, user_id, kind, title, is_read, read_at, created_at)"
                + " VALUES (?, ?, 'TEST', 'maintenance test', ?, CASE WHEN ? THEN now() END, now() - make_interval(days => ?))",
                id, user, read, read, ageDays);
        return id;
    }

    private static UUID syncLog(UUID user, String status, int ageDays) throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO sync_logs (id, user_id, device_id, status, created_at) VALUES (?, ?, 'test-device', ?, now() - make_interval(days => ?))",
                id, user, status, ageDays);
        return id;
    }

    private static void submission(Fixtures.Member student, UUID activity, int score, String at) throws Exception {
        sql("INSERT INTO submissions (id, client_submission_id, student_id, activity_id, attempt, answers, feedback, score, correct_count,"
                        + " question_count, xp_awarded, submitted_at) VALUES (gen_random_uuid(), gen_random_uuid(), ?, ?, 1, '[]', '[]', ?, 0, 5, 0, ?::timestamptz)",
                UUID.fromString(student.id()), activity, score, at);
    }

    private static void completion(Fixtures.Member student, UUID activity, String at) throws Exception {
        sql("INSERT INTO student_progress (id, student_id, activity_id, status, percent, attempts, last_accessed, completed_at)"
                + " VALUES (gen_random_uuid(), ?, ?, 'COMPLETED', 100, 1, ?::timestamptz, ?::timestamptz)", UUID.fromString(student.id()), activity, at, at);
    }

    private static void xp(Fixtures.Member student, int points, String reason, String at) throws Exception {
        sql("INSERT INTO xp_events (student_id, points, reason, source_id, created_at) VALUES (?, ?, ?, gen_random_uuid(), ?::timestamptz)",
                UUID.fromString(student.id()), points, reason, at);
    }

    /** A local time in Nairobi (the fixtures' school zone) as a timestamptz literal. */
    private static String nairobi(LocalDate day, String time) {
        return day + " " + time + " Africa/Nairobi";
    }

    private static List<Object> monthlyRow(String classId) throws Exception {
        return row("SELECT students::bigint, active_students::bigint, submissions::bigint, average_score, activities_completed::bigint, xp_earned"
                + " FROM class_monthly_analytics WHERE class_id = ? AND month = ?", UUID.fromString(classId), LAST_MONTH);
    }

    /** The same figures written another way: joins over the live tables, the month's bounds in the school's zone. */
    private static List<Object> directMonthly(String classId) throws Exception {
        UUID id = UUID.fromString(classId);
        String bounds = "(SELECT (?::date)::timestamp AT TIME ZONE sc.time_zone AS f, ((?::date) + interval '1 month')::timestamp AT TIME ZONE sc.time_zone AS t"
                + " FROM classes c JOIN schools sc ON sc.id = c.school_id WHERE c.id = ?) m";
        String sql = "SELECT"
                + " (SELECT count(*) FROM class_enrolments WHERE class_id = ?),"
                + " (SELECT count(DISTINCT e.student_id) FROM class_enrolments e, " + bounds + " WHERE e.class_id = ? AND ("
                + "    EXISTS (SELECT 1 FROM submissions s WHERE s.student_id = e.student_id AND s.submitted_at >= m.f AND s.submitted_at < m.t)"
                + " OR EXISTS (SELECT 1 FROM student_progress p WHERE p.student_id = e.student_id AND p.status = 'COMPLETED' AND p.completed_at >= m.f AND p.completed_at < m.t))),"
                + " (SELECT count(*) FROM submissions s JOIN class_enrolments e ON e.student_id = s.student_id, " + bounds
                + "   WHERE e.class_id = ? AND s.submitted_at >= m.f AND s.submitted_at < m.t),"
                + " (SELECT round(avg(s.score), 2) FROM submissions s JOIN class_enrolments e ON e.student_id = s.student_id, " + bounds
                + "   WHERE e.class_id = ? AND s.submitted_at >= m.f AND s.submitted_at < m.t),"
                + " (SELECT count(*) FROM student_progress p JOIN class_enrolments e ON e.student_id = p.student_id, " + bounds
                + "   WHERE e.class_id = ? AND p.status = 'COMPLETED' AND p.completed_at >= m.f AND p.completed_at < m.t),"
                + " (SELECT COALESCE(sum(x.points), 0) FROM xp_events x JOIN class_enrolments e ON e.student_id = x.student_id, " + bounds
                + "   WHERE e.class_id = ? AND x.reason <> 'RULES_ADJUSTMENT' AND x.created_at >= m.f AND x.created_at < m.t)";
        Object[] b = {LAST_MONTH, LAST_MONTH, id};
        return row(sql, id, b[0], b[1], b[2], id, b[0], b[1], b[2], id, b[0], b[1], b[2], id, b[0], b[1], b[2], id, b[0], b[1], b[2], id);
    }

    private static Integer summaryStudents(String classId) throws Exception {
        List<Object> r = row("SELECT (SELECT students::int FROM class_performance_summary WHERE class_id = ?)", UUID.fromString(classId));
        return (Integer) r.get(0);
    }

    private static boolean exists(String table, UUID id) throws Exception {
        return count("SELECT count(*) FROM " + table + " WHERE id = ?", id) == 1;
    }

    private static long count(String sql, Object... params) throws Exception {
        return ((Number) row(sql, params).get(0)).longValue();
    }

    private static List<Object> row(String sql, Object... params) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Object> values = new java.util.ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
                return values;
            }
        }
    }

    private static void sql(String sql, Object... params) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws Exception {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
