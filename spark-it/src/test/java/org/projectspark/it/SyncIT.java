package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline upload on the real server: every event applied exactly once however often and however concurrently it
 * is sent, per-event results in order, merge rules, plausibility, receipts and what the server holds.
 */
@ExtendWith(ArquillianExtension.class)
class SyncIT extends DeployedEar {

    private record Learner(Fixtures.Member student, JsonObject reading, JsonObject quiz, String lessonId) {
    }

    private static Learner learner(String deviceId) {
        Fixtures.Member s = Fixtures.newStudent(null);
        JsonObject lesson = Fixtures.publishedLesson(s.token());
        SyncClient.register(s, deviceId);
        JsonArray activities = lesson.getJsonArray("activities");
        return new Learner(s, activities.getJsonObject(0), activities.getJsonObject(1), lesson.getString("id"));
    }

    /** A learner in a class of a school, and the class's teacher, who reviews their flagged events. */
    private record Taught(Learner learner, Fixtures.Member teacher, String classId) {
    }

    private static Taught taughtLearner(String deviceId) {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Learner l = learner(deviceId);
        Fixtures.addToSchool(school, l.student().id());
        Fixtures.enrol(classId, teacher, l.student());
        return new Taught(l, teacher, classId);
    }

    private static List<String> statuses(JsonObject receipt) {
        return receipt.getJsonArray("results").stream().map(r -> r.asJsonObject().getString("status")).toList();
    }

    @Test
    void eachEventIsAppliedOnceAndEveryRetryGetsItsFirstResult() throws Exception {
        Learner l = learner("phone-1");
        OffsetDateTime t = SyncClient.now().minusMinutes(5);
        List<SyncClient.Event> events = List.of(SyncClient.lessonOpened(1, t, l.lessonId()),
                SyncClient.progress(2, t.plusMinutes(1), l.reading().getString("id"), 100),
                SyncClient.quiz(3, t.plusMinutes(3), l.quiz(), 5, 90));

        JsonObject first = SyncClient.uploaded(l.student(), "phone-1", events);
        assertThat(statuses(first)).containsExactly("APPLIED", "APPLIED", "APPLIED");
        assertThat(first.getInt("applied")).isEqualTo(3);
        JsonObject graded = first.getJsonArray("results").getJsonObject(2).getJsonObject("result");
        assertThat(graded.getJsonNumber("score").bigDecimalValue()).isEqualByComparingTo("100");
        assertThat(graded.getInt("xpEarned")).isPositive();

        for (int retry = 0; retry < 3; retry++) {
            JsonObject again = SyncClient.uploaded(l.student(), "phone-1", events);
            assertThat(statuses(again)).containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE");
            assertThat(again.getInt("duplicate")).isEqualTo(3);
            JsonObject replay = again.getJsonArray("results").getJsonObject(2);
            assertThat(replay.getString("original")).isEqualTo("APPLIED");
            assertThat(replay.getJsonObject("result")).as("the first result, as it was").isEqualTo(graded);
        }

        try (Connection c = Fixtures.database()) {
            assertThat(count(c, "SELECT count(*) FROM sync_events WHERE user_id = ?", l.student().id())).isEqualTo(3);
            assertThat(count(c, "SELECT count(*) FROM submissions WHERE student_id = ?", l.student().id())).isEqualTo(1);
            assertLedgerMatches(c, l.student().id());
            assertThat(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", l.student().id()))
                    .isEqualTo(sumOf(first, "xpEarned"));
        }
    }

    /** One learning path: the same answers online and offline give the same grade, XP and result, field for field. */
    @Test
    void aQuizAnsweredOfflineIsGradedRewardedAndAnsweredAsOnline() {
        Fixtures.Member online = Fixtures.newStudent(null);
        Fixtures.Member offline = Fixtures.newStudent(null);
        JsonObject lesson = Fixtures.publishedLesson(online.token());
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);
        SyncClient.register(offline, "tab-same");

        JsonObject web = Fixtures.submit(quiz, online, 4).json();
        JsonObject synced = SyncClient.uploaded(offline, "tab-same", List.of(SyncClient.quiz(1, SyncClient.now().minusMinutes(1), quiz, 4, 120)))
                .getJsonArray("results").getJsonObject(0).getJsonObject("result");

        assertThat(synced.keySet()).as("one result shape").isEqualTo(web.keySet());
        for (String same : List.of("activityId", "attempt", "correct", "total", "feedback", "xpEarned", "xpTotal", "level", "badgesEarned",
                "streakDays", "replayed")) {
            assertThat(synced.get(same)).as(same).isEqualTo(web.get(same));
        }
        assertThat(synced.getJsonNumber("score").bigDecimalValue()).isEqualByComparingTo(web.getJsonNumber("score").bigDecimalValue());

        // and progress recorded both ways answers alike too
        JsonObject reading = lesson.getJsonArray("activities").getJsonObject(0);
        JsonObject webRead = Fixtures.read(reading, online, 100).json();
        JsonObject syncedRead = SyncClient.uploaded(offline, "tab-same", List.of(SyncClient.progress(2, SyncClient.now().minusSeconds(30),
                reading.getString("id"), 100))).getJsonArray("results").getJsonObject(0).getJsonObject("result");
        assertThat(syncedRead.keySet()).isEqualTo(webRead.keySet());
        for (String same : List.of("activityId", "status", "percent", "attempts", "xpEarned", "xpTotal", "level", "badgesEarned")) {
            assertThat(syncedRead.get(same)).as(same).isEqualTo(webRead.get(same));
        }
    }

    @Test
    void oneBadEventDoesNotSinkTheBatchAndResultsKeepTheOrderSent() {
        Learner l = learner("tab-2");
        OffsetDateTime t = SyncClient.now().minusMinutes(2);
        SyncClient.Event good = SyncClient.progress(1, t, l.reading().getString("id"), 40);
        String body = "{\"deviceId\":\"tab-2\",\"events\":[" + good.json("tab-2") + ","
                + SyncClient.progress(2, t, UUID.randomUUID().toString(), 50).json("tab-2") + ","
                + "{\"sequence\":3,\"type\":\"PROGRESS\",\"deviceTime\":\"" + t + "\",\"data\":{}},"
                + new SyncClient.Event(UUID.randomUUID(), 4, "XP_GRANTED", t, "{\"xp\":5000}").json("tab-2") + ","
                + new SyncClient.Event(UUID.randomUUID(), 5, "QUIZ_SUBMITTED", t, "{\"activityId\":\"" + l.reading().getString("id")
                + "\",\"startedAt\":\"" + t.minusMinutes(1) + "\",\"answers\":[]}").json("tab-2") + ","
                + new SyncClient.Event(UUID.randomUUID(), 6, "PROGRESS", t, "{\"activityId\":\"" + l.reading().getString("id") + "\",\"percent\":300}").json("tab-2") + ","
                + new SyncClient.Event(UUID.randomUUID(), 7, "PROGRESS", t, "{\"activityId\":\"" + l.reading().getString("id") + "\",\"percent\":10}").json("other-device") + ","
                + good.json("tab-2") + "]}";
        Api.Reply r = Api.post("/api/v1/sync/events", body, l.student().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonArray results = r.json().getJsonArray("results");
        assertThat(statuses(r.json())).containsExactly("APPLIED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "DUPLICATE");
        assertThat(results.getJsonObject(1).getString("reason")).contains("no published activity");
        assertThat(results.getJsonObject(2).getString("reason")).contains("id must be a UUID");
        assertThat(results.getJsonObject(3).getString("reason")).contains("type must be one of");
        assertThat(results.getJsonObject(4).getString("reason")).contains("not a quiz");
        assertThat(results.getJsonObject(5).getString("reason")).contains("percent");
        assertThat(results.getJsonObject(6).getString("reason")).contains("not the device of the batch");
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.getJsonObject(i).getInt("index")).isEqualTo(i);
        }
        assertThat(Api.get("/api/v1/me/dashboard", l.student().token()).json().getJsonNumber("xp").longValue())
                .as("a device cannot send XP").isZero();
        JsonObject receipt = Api.get("/api/v1/sync/receipts/" + r.json().getString("receiptId"), l.student().token()).json();
        assertThat(receipt.getString("status")).isEqualTo("COMPLETED");
        assertThat(receipt.getInt("applied")).isEqualTo(1);
        assertThat(receipt.getInt("rejected")).isEqualTo(6);
        assertThat(receipt.getInt("duplicate")).isEqualTo(1);
        assertThat(receipt.getInt("received")).isEqualTo(8);
    }

    @Test
    void progressOnlyMovesForwardWhateverOrderTheEventsArriveIn() throws Exception {
        Learner l = learner("tab-3");
        OffsetDateTime t1 = SyncClient.now().minusMinutes(8).withNano(0);
        String reading = l.reading().getString("id");
        SyncClient.uploaded(l.student(), "tab-3", List.of(SyncClient.progress(2, t1.plusMinutes(2), reading, 80)));
        SyncClient.uploaded(l.student(), "tab-3", List.of(SyncClient.progress(3, t1.plusMinutes(3), reading, 40),
                SyncClient.quiz(4, t1.plusMinutes(5), l.quiz(), 1, 60)));
        SyncClient.uploaded(l.student(), "tab-3", List.of(SyncClient.quiz(1, t1.plusMinutes(1), l.quiz(), 5, 50)));

        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, percent, best_score, attempts, last_accessed, completed_at FROM student_progress WHERE student_id = ? AND activity_id = ?")) {
            ps.setObject(1, UUID.fromString(l.student().id()));
            ps.setObject(2, UUID.fromString(reading));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("IN_PROGRESS");
                assertThat(rs.getInt(2)).as("the highest percent reached").isEqualTo(80);
                assertThat(rs.getObject(5, OffsetDateTime.class).toInstant()).as("the latest access").isEqualTo(t1.plusMinutes(3).toInstant());
            }
            ps.setObject(2, UUID.fromString(l.quiz().getString("id")));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("COMPLETED wins").isEqualTo("COMPLETED");
                assertThat(rs.getBigDecimal(3)).as("the best score wins").isEqualByComparingTo(new BigDecimal("100"));
                assertThat(rs.getInt(4)).isEqualTo(2);
                assertThat(rs.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(t1.plusMinutes(5).toInstant());
                assertThat(rs.getObject(6, OffsetDateTime.class).toInstant()).as("completed when it was, not when it arrived")
                        .isEqualTo(t1.plusMinutes(1).toInstant());
            }
            assertLedgerMatches(c, l.student().id());
        }
    }

    @Test
    void implausibleEventsAreAppliedButEarnNothingAndWaitForTheTeacher() throws Exception {
        Taught taught = taughtLearner("tab-4");
        Learner l = taught.learner();
        Fixtures.Member teacher = taught.teacher();
        String classId = taught.classId();
        OffsetDateTime now = SyncClient.now();
        List<SyncClient.Event> events = List.of(
                SyncClient.progress(1, now.plusHours(3), l.reading().getString("id"), 100),
                SyncClient.quiz(2, now.minusDays(2), l.quiz(), 5, 120),
                SyncClient.quiz(3, now.minusMinutes(1), l.quiz(), 5, 3));
        JsonObject receipt = SyncClient.uploaded(l.student(), "tab-4", events);
        JsonArray results = receipt.getJsonArray("results");
        assertThat(statuses(receipt)).containsExactly("APPLIED", "APPLIED", "APPLIED");
        assertThat(results.getJsonObject(0).getJsonArray("flags").getString(0)).isEqualTo("FUTURE");
        assertThat(results.getJsonObject(1).getJsonArray("flags").getString(0)).isEqualTo("BEFORE_REGISTRATION");
        assertThat(results.getJsonObject(2).getJsonArray("flags").getString(0)).isEqualTo("TOO_FAST");
        assertThat(sumOf(receipt, "xpEarned")).isZero();
        assertThat(results.getJsonObject(2).getJsonObject("result").getJsonNumber("score").intValue()).as("still graded").isEqualTo(100);
        try (Connection c = Fixtures.database()) {
            assertThat(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", l.student().id())).isZero();
            assertThat(count(c, "SELECT count(*) FROM student_progress WHERE student_id = ? AND status = 'COMPLETED'", l.student().id()))
                    .as("the learning itself stands").isEqualTo(2);
        }

        JsonObject status = Api.get("/api/v1/classes/" + classId + "/sync", teacher.token()).json();
        JsonObject row = status.getJsonArray("students").getJsonObject(0);
        assertThat(row.getString("studentId")).isEqualTo(l.student().id());
        assertThat(row.getInt("pendingReview")).isEqualTo(3);
        assertThat(row.getJsonArray("devices").getJsonObject(0).getString("deviceId")).isEqualTo("tab-4");
        assertThat(row.getString("lastSyncedAt")).isNotBlank();
        JsonArray pending = Api.get("/api/v1/classes/" + classId + "/sync/events?kind=pending", teacher.token()).json().getJsonArray("events");
        assertThat(pending).hasSize(3);
        assertThat(pending.getJsonObject(0).getJsonObject("event").getString("type")).isNotBlank();

        String future = results.getJsonObject(0).getString("eventId");
        Api.Reply dismissed = Api.post("/api/v1/sync/events/" + future + "/review", "{\"decision\":\"DISMISSED\"}", teacher.token());
        assertThat(dismissed.status()).as(dismissed.toString()).isEqualTo(200);
        assertThat(dismissed.json().getString("review")).isEqualTo("DISMISSED");
        assertThat(dismissed.json().getInt("xpEarned")).isZero();
        String flagged = results.getJsonObject(2).getString("eventId");
        Api.Reply accepted = Api.post("/api/v1/sync/events/" + flagged + "/review", "{\"decision\":\"ACCEPTED\"}", teacher.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().getInt("xpEarned")).as("the teacher believes it: the perfect quiz earns its XP now").isPositive();
        assertThat(Api.post("/api/v1/sync/events/" + flagged + "/review", "{\"decision\":\"ACCEPTED\"}", teacher.token())
                .json().getInt("xpEarned")).as("accepted twice, earned once").isZero();
        try (Connection c = Fixtures.database()) {
            assertThat(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", l.student().id()))
                    .isEqualTo(accepted.json().getInt("xpEarned"));
            assertLedgerMatches(c, l.student().id());
            assertThat(count(c, "SELECT xp_awarded FROM submissions WHERE client_submission_id = '" + flagged + "' AND student_id = ?",
                    l.student().id())).isEqualTo(accepted.json().getInt("xpEarned"));
        }
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync/events?kind=pending", teacher.token()).json().getJsonArray("events")).hasSize(1);
        assertThat(Api.post("/api/v1/sync/events/" + flagged + "/review", "{\"decision\":\"MAYBE\"}", teacher.token()).status()).isEqualTo(400);

        Fixtures.Member stranger = Fixtures.newTeacher(Fixtures.newSchool());
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync", stranger.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync/events", stranger.token()).status()).isEqualTo(403);
        assertThat(Api.post("/api/v1/sync/events/" + flagged + "/review", "{\"decision\":\"ACCEPTED\"}", stranger.token()).status()).isEqualTo(404);
        assertThat(Api.post("/api/v1/sync/events/" + flagged + "/review", "{\"decision\":\"ACCEPTED\"}", l.student().token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync", l.student().token()).status()).isEqualTo(403);
    }

    @Test
    void aFinishFlaggedAsImplausibleEarnsNoXpWhenXpIsRecomputedUntilATeacherAcceptsIt() throws Exception {
        Taught taught = taughtLearner("tab-9");
        Learner l = taught.learner();
        JsonObject receipt = SyncClient.uploaded(l.student(), "tab-9",
                List.of(SyncClient.progress(1, SyncClient.now().plusHours(3), l.reading().getString("id"), 100)));
        JsonObject result = receipt.getJsonArray("results").getJsonObject(0);
        assertThat(result.getJsonArray("flags").getString(0)).isEqualTo("FUTURE");
        assertThat(result.getJsonObject("result").getString("status")).as("the reading is done").isEqualTo("COMPLETED");
        assertThat(sumOf(receipt, "xpEarned")).isZero();
        assertThat(recomputed(l.student().id())).as("replayed, the flagged finish earns nothing either").isEmpty();

        Api.Reply accepted = Api.post("/api/v1/sync/events/" + result.getString("eventId") + "/review", "{\"decision\":\"ACCEPTED\"}",
                taught.teacher().token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().getInt("xpEarned")).as("accepted: the completion earns its XP").isPositive();
        assertThat(recomputed(l.student().id())).as("replayed, the accepted finish earns what it earned live").isEmpty();
        try (Connection c = Fixtures.database()) {
            assertLedgerMatches(c, l.student().id());
        }
    }

    @Test
    void theFirstFinishThatCountsCompletesTheLessonForBadgesWhenAnImplausibleOneCompletedItBefore() throws Exception {
        Learner l = learner("tab-10");
        OffsetDateTime now = SyncClient.now();
        JsonObject first = SyncClient.uploaded(l.student(), "tab-10", List.of(
                SyncClient.quiz(1, now.minusMinutes(10), l.quiz(), 5, 120),
                SyncClient.progress(2, now.plusHours(3), l.reading().getString("id"), 100)));
        assertThat(first.getJsonArray("results").getJsonObject(1).getJsonArray("flags").getString(0)).isEqualTo("FUTURE");
        assertThat(badgesEarned(first)).as("the lesson was completed by a flagged finish: no lesson badge").doesNotContain("FIRST_LESSON");

        JsonObject again = SyncClient.uploaded(l.student(), "tab-10",
                List.of(SyncClient.progress(3, now.minusMinutes(1), l.reading().getString("id"), 100)));
        assertThat(again.getJsonArray("results").getJsonObject(0).containsKey("flags")).as("plausible").isFalse();
        assertThat(badgesEarned(again)).as("finished again, plausibly: the lesson counts").contains("FIRST_LESSON");
        assertThat(recomputed(l.student().id())).as("and a replay agrees with what was earned").isEmpty();
    }

    @Test
    void anOfflineBatchSpanningDaysMeetsEachDaysCapWithWhatThatDayHeldAlready() throws Exception {
        Learner l = learner("tab-11");
        ZoneId zone = ZoneId.of("Pacific/Kiritimati"); // UTC+14: its days are not UTC's
        Fixtures.require(Api.patch("/api/v1/users/me", "{\"timeZone\":\"" + zone + "\"}", l.student().token()), 200);
        LocalDate yesterday = SyncClient.now().atZoneSameInstant(zone).toLocalDate().minusDays(1);
        OffsetDateTime dayStart = yesterday.atStartOfDay(zone).toOffsetDateTime();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "WITH device AS (UPDATE sync_devices SET registered_at = now() - interval '3 days' WHERE user_id = ?),"
                        + " old AS (INSERT INTO xp_events (student_id, points, reason, source_id, created_at) VALUES (?, 490, 'OLD_RULE', gen_random_uuid(), ?))"
                        + " UPDATE profiles SET xp_points = xp_points + 490 WHERE user_id = ?")) {
            ps.setObject(1, UUID.fromString(l.student().id()));
            ps.setObject(2, UUID.fromString(l.student().id()));
            ps.setObject(3, dayStart.plusHours(1)); // yesterday 01:00 there: the UTC day before
            ps.setObject(4, UUID.fromString(l.student().id()));
            ps.executeUpdate();
        }
        // a perfect quiz late yesterday there (UTC's yesterday morning), and a reading finished just now
        JsonObject receipt = SyncClient.uploaded(l.student(), "tab-11", List.of(
                SyncClient.quiz(1, dayStart.plusHours(23), l.quiz(), 5, 120),
                SyncClient.progress(2, SyncClient.now().minusMinutes(1), l.reading().getString("id"), 100)));
        assertThat(statuses(receipt)).containsExactly("APPLIED", "APPLIED");
        assertThat(receipt.getJsonArray("results").getJsonObject(0).getJsonObject("result").getInt("xpEarned"))
                .as("the day held 490 of its 500: the quiz earns the 10 left").isEqualTo(10);
        assertThat(receipt.getJsonArray("results").getJsonObject(1).getJsonObject("result").getInt("xpEarned"))
                .as("today is another day").isPositive();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT SUM(points) FROM xp_events WHERE student_id = ? AND created_at >= ? AND created_at < ?")) {
            ps.setObject(1, UUID.fromString(l.student().id()));
            ps.setObject(2, dayStart);
            ps.setObject(3, dayStart.plusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("yesterday there: exactly its cap").isEqualTo(500);
            }
            assertLedgerMatches(c, l.student().id());
        }
    }

    /** Two lessons: a reading, then a reading and an assignment (which a teacher grades later, so no lesson waits for it). */
    private static final String TWO_LESSON_COURSE = """
            {"subject":"math","defaultLocale":"en","title":{"en":"Two lessons"},
             "units":[{"title":{"en":"Unit 1"},"lessons":[
               {"title":{"en":"First"},"activities":[{"type":"READING","title":{"en":"Read one"},"body":{"en":"One."}}]},
               {"title":{"en":"Second"},"activities":[{"type":"READING","title":{"en":"Read two"},"body":{"en":"Two."}},
                 {"type":"ASSIGNMENT","title":{"en":"Draw two halves"},"body":{"en":"Hand in a photo."}}]}
             ]}]}""";

    @Test
    void aBatchThatFinishesTheLastLessonOfACourseEarnsTheCourseBadgeOnceAndNotBefore() throws Exception {
        Fixtures.Member s = Fixtures.newStudent(null);
        String author = Api.newTeacher().getString("accessToken");
        String courseId = Api.post("/api/v1/courses", TWO_LESSON_COURSE, author).json().getString("id");
        Fixtures.require(Api.post("/api/v1/courses/" + courseId + "/publish", "", author), 200);
        JsonArray lessons = Api.get("/api/v1/courses/" + courseId, s.token()).json()
                .getJsonArray("units").getJsonObject(0).getJsonArray("lessons");
        String first = lessons.getJsonObject(0).getJsonArray("activities").getJsonObject(0).getString("id");
        String second = lessons.getJsonObject(1).getJsonArray("activities").getJsonObject(0).getString("id");
        SyncClient.register(s, "tab-12");
        OffsetDateTime now = SyncClient.now();

        // one chunk: the first lesson's finish is this transaction's own progress when the second one is finished
        JsonObject receipt = SyncClient.uploaded(s, "tab-12", List.of(
                SyncClient.progress(1, now.minusMinutes(20), second, 40),
                SyncClient.progress(2, now.minusMinutes(10), first, 100),
                SyncClient.progress(3, now.minusMinutes(5), second, 100),
                SyncClient.progress(4, now.minusMinutes(1), first, 100)));
        assertThat(statuses(receipt)).containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED");
        List<List<String>> badges = receipt.getJsonArray("results").stream()
                .map(r -> r.asJsonObject().getJsonObject("result").getJsonArray("badgesEarned")
                        .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList())
                .toList();
        assertThat(badges.get(1)).as("the first lesson done, the second not yet").contains("FIRST_LESSON").doesNotContain("COURSE_COMPLETE");
        assertThat(badges.get(2)).as("the last lesson done (its assignment is the teacher's)").containsExactly("COURSE_COMPLETE");
        assertThat(badges.get(3)).as("finished again: nothing new").isEmpty();

        JsonObject more = SyncClient.uploaded(s, "tab-12", List.of(SyncClient.progress(5, now, second, 100)));
        assertThat(badgesEarned(more)).as("earned once").isEmpty();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT scope_id::text FROM student_badges WHERE student_id = ?::uuid AND badge = 'COURSE_COMPLETE'")) {
            ps.setString(1, s.id());
            List<String> scopes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scopes.add(rs.getString(1));
                }
            }
            assertThat(scopes).as("held once, for this course").containsExactly(courseId);
        }
    }

    private static List<String> badgesEarned(JsonObject receipt) {
        return receipt.getJsonArray("results").stream().map(r -> r.asJsonObject().getJsonObject("result"))
                .flatMap(r -> r.getJsonArray("badgesEarned").getValuesAs(jakarta.json.JsonString.class).stream())
                .map(jakarta.json.JsonString::getString).toList();
    }

    /** The correction a dry run of the XP recompute lists for this student, if any. */
    private static java.util.Optional<JsonObject> recomputed(String studentId) {
        Api.Reply dry = Api.post("/api/v1/admin/xp/recompute", "", Api.adminToken());
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        return dry.json().getJsonArray("corrections").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("studentId").equals(studentId)).findFirst();
    }

    @Test
    void theSameBatchFromTwoClientsAtOnceIsAppliedOnce() throws Exception {
        Learner l = learner("tab-5");
        OffsetDateTime t = SyncClient.now().minusMinutes(6);
        List<SyncClient.Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(i % 3 == 0 ? SyncClient.quiz(i + 1, t.plusSeconds(i * 10L), l.quiz(), i % 6, 60)
                    : SyncClient.progress(i + 1, t.plusSeconds(i * 10L), l.reading().getString("id"), i * 3));
        }
        String body = SyncClient.batch("tab-5", events);
        for (int round = 0; round < 3; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Api.Reply>> sent = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                boolean gzip = client == 1;
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return gzip ? SyncClient.uploadGzip(l.student(), body) : Api.post("/api/v1/sync/events", body, l.student().token());
                }));
            }
            int applied = 0;
            int duplicate = 0;
            for (CompletableFuture<Api.Reply> f : sent) {
                Api.Reply r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                applied += r.json().getInt("applied");
                duplicate += r.json().getInt("duplicate");
            }
            assertThat(applied).as("round " + round).isEqualTo(round == 0 ? 30 : 0);
            assertThat(duplicate).isEqualTo(round == 0 ? 30 : 60);
        }
        try (Connection c = Fixtures.database()) {
            assertThat(count(c, "SELECT count(*) FROM sync_events WHERE user_id = ?", l.student().id())).isEqualTo(30);
            assertThat(count(c, "SELECT count(*) FROM submissions WHERE student_id = ?", l.student().id())).isEqualTo(10);
            assertThat(count(c, "SELECT attempts FROM student_progress WHERE student_id = ? AND activity_id = '" + l.quiz().getString("id") + "'",
                    l.student().id())).isEqualTo(10);
            assertLedgerMatches(c, l.student().id());
        }
    }

    @Test
    void gzipBodiesAndBatchesOfFiveThousandAreTakenAndBiggerOnesRefused() {
        Learner l = learner("tab-6");
        OffsetDateTime t = SyncClient.now().minusMinutes(9);
        List<SyncClient.Event> events = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            events.add(SyncClient.progress(i + 1, t.plusNanos(i * 1000L), l.reading().getString("id"), i % 100));
        }
        Api.Reply tooMany = SyncClient.uploadGzip(l.student(), SyncClient.batch("tab-6", events));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooMany.json().getString("detail")).contains("at most 5000 events");

        Api.Reply full = SyncClient.uploadGzip(l.student(), SyncClient.batch("tab-6", events.subList(0, 5000)));
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertThat(full.json().getInt("applied")).isEqualTo(5000);
        assertThat(full.json().getJsonNumber("heldThroughSequence").longValue()).isEqualTo(5000);

        Api.Reply notGzip = Api.send(Api.request("/api/v1/sync/events", l.student().token()).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"x\"}")).build());
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(Api.post("/api/v1/sync/events", "{\"deviceId\":\"tab-6\",\"events\":", l.student().token()).status()).isEqualTo(400);
        Api.Reply noDevice = Api.post("/api/v1/sync/events", "{\"events\":[]}", l.student().token());
        assertThat(noDevice.status()).isEqualTo(400);
        assertThat(noDevice.json().getString("detail")).contains("deviceId");
        assertThat(Api.post("/api/v1/sync/events", "{\"deviceId\":\"tab-6\",\"events\":[]}", null).status()).isEqualTo(401);
    }

    @Test
    void aDeviceLearnsWhichOfItsEventsTheServerHoldsAndResumesAfterThem() {
        Learner l = learner("tab-7");
        OffsetDateTime t = SyncClient.now().minusMinutes(4);
        String reading = l.reading().getString("id");
        SyncClient.Event e1 = SyncClient.progress(1, t, reading, 10);
        SyncClient.Event e2 = SyncClient.progress(2, t.plusSeconds(5), reading, 20);
        SyncClient.Event e3 = SyncClient.progress(3, t.plusSeconds(10), reading, 30);
        SyncClient.Event e4 = SyncClient.progress(4, t.plusSeconds(15), reading, 40);
        JsonObject receipt = SyncClient.uploaded(l.student(), "tab-7", List.of(e1, e2, e4));
        assertThat(receipt.getJsonNumber("heldThroughSequence").longValue()).as("3 is missing").isEqualTo(2);

        UUID unknown = UUID.randomUUID();
        JsonObject held = Api.post("/api/v1/sync/events/held", "{\"eventIds\":[\"" + e1.id() + "\",\"" + e3.id() + "\",\"" + e4.id()
                + "\",\"" + unknown + "\"]}", l.student().token()).json();
        assertThat(held.getJsonArray("held").stream().map(v -> v.asJsonObject().getString("eventId")).toList())
                .containsExactlyInAnyOrder(e1.id().toString(), e4.id().toString());
        assertThat(held.getJsonArray("missing").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList())
                .containsExactly(e3.id().toString(), unknown.toString());
        Fixtures.Member other = Fixtures.newStudent(null);
        assertThat(Api.post("/api/v1/sync/events/held", "{\"eventIds\":[\"" + e1.id() + "\"]}", other.token()).json().getJsonArray("held"))
                .as("another student learns nothing of these events").isEmpty();
        assertThat(Api.get("/api/v1/sync/receipts/" + receipt.getString("receiptId"), other.token()).status()).isEqualTo(404);

        assertThat(SyncClient.uploaded(l.student(), "tab-7", List.of(e3)).getJsonNumber("heldThroughSequence").longValue()).isEqualTo(4);
        JsonObject device = Api.get("/api/v1/sync/devices/tab-7", l.student().token()).json();
        assertThat(device.getJsonNumber("heldThroughSequence").longValue()).isEqualTo(4);
        assertThat(device.getInt("eventsHeld")).isEqualTo(4);
        assertThat(device.getString("label")).isEqualTo("Test tablet");

        JsonObject stolen = SyncClient.uploaded(other, "phone-9", List.of(e1.withId(e1.id())));
        assertThat(stolen.getJsonArray("results").getJsonObject(0).getString("status")).isEqualTo("REJECTED");
        assertThat(stolen.getJsonArray("results").getJsonObject(0).getString("reason")).contains("another account");
        assertThat(Api.put("/api/v1/sync/devices/not%20valid", "{}", l.student().token()).status()).isEqualTo(400);
    }

    static long count(Connection c, String sql, String userId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(userId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A reading finished on one day on one tablet and finished again the next day on another; the second tablet syncs
     * first. Each finish is a day of learning whichever arrives first: the completion moves back to the first day, both
     * days count, the second extends the streak and earns its bonus once, as for a twin whose events arrive in order.
     */
    @Test
    void finishingAReadingCountsItsDayForTheStreakWhicheverFinishArrivesFirst() throws Exception {
        Learner late = learner("tab-7");
        Learner inOrder = learner("tab-7");
        OffsetDateTime secondDay = SyncClient.now().minusHours(2).withNano(0);
        OffsetDateTime firstDay = secondDay.minusDays(1);
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_devices SET registered_at = now() - interval '3 days' WHERE user_id = ?")) {
            for (Learner l : List.of(late, inOrder)) {
                SyncClient.register(l.student(), "tab-8");
                ps.setObject(1, UUID.fromString(l.student().id()));
                ps.executeUpdate();
            }
        }
        for (Learner l : List.of(late, inOrder)) {
            String reading = l.reading().getString("id");
            List<SyncClient.Event> first = List.of(SyncClient.progress(1, firstDay, reading, 100));
            List<SyncClient.Event> second = List.of(SyncClient.progress(1, secondDay, reading, 100));
            if (l == late) {
                SyncClient.uploaded(l.student(), "tab-8", second);
                SyncClient.uploaded(l.student(), "tab-7", first);
            } else {
                SyncClient.uploaded(l.student(), "tab-7", first);
                SyncClient.uploaded(l.student(), "tab-8", second);
            }
        }
        try (Connection c = Fixtures.database()) {
            for (Learner l : List.of(late, inOrder)) {
                String id = l.student().id();
                assertThat(count(c, "SELECT count(*) FROM learning_days WHERE student_id = ?", id)).as("days of learning").isEqualTo(2);
                assertThat(count(c, "SELECT current_days FROM streaks WHERE student_id = ?", id)).as("streak").isEqualTo(2);
                assertThat(count(c, "SELECT count(*) FROM xp_events WHERE student_id = ? AND reason = 'STREAK_DAY'", id))
                        .as("the second day's streak bonus").isEqualTo(1);
                assertLedgerMatches(c, id);
            }
            assertThat(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", late.student().id()))
                    .isEqualTo(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", inOrder.student().id()));
        }
    }

    static void assertLedgerMatches(Connection c, String userId) throws Exception {
        assertThat(count(c, "SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?", userId))
                .as("ledger sum = profile XP").isEqualTo(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", userId));
    }

    private static long sumOf(JsonObject receipt, String field) {
        return receipt.getJsonArray("results").stream().map(v -> v.asJsonObject())
                .filter(r -> r.containsKey("result") && r.getJsonObject("result").containsKey(field))
                .mapToLong(r -> r.getJsonObject("result").getJsonNumber(field).longValue()).sum();
    }
}
