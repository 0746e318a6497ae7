package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-app notifications on the real server: each trigger raises exactly one notification in the recipient's language,
 * a replay (the same submission, the same sync batch, a job run twice, a message resent) raises none, and only the
 * recipient sees or changes one. The test domain ends each school's day at midnight (SCHOOL_DAY_ENDS_AT=00:00), so
 * the reminders due "at the end of the day" are due whenever the test runs.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationIT extends DeployedEar {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi"); // the fixtures' schools' zone

    private static List<JsonObject> mine(Fixtures.Member user, String kind) {
        Api.Reply r = Api.get("/api/v1/notifications?limit=100", user.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().filter(n -> n.getString("kind").equals(kind)).toList();
    }

    @Test
    void aQuizThatEarnsBadgesAndALevelTellsTheStudentOnceEachInTheirLanguage() throws Exception {
        Fixtures.Member student = Fixtures.newStudent(null);
        assertThat(Api.patch("/api/v1/users/me", "{\"locale\":\"sw-KE\"}", student.token()).status()).isEqualTo(200);
        JsonObject quiz = Fixtures.publishedLesson(student.token()).getJsonArray("activities").getJsonObject(1);
        sql("UPDATE profiles SET xp_points = 90 WHERE user_id = ?", UUID.fromString(student.id())); // 55 more reach level 2 (100)

        String answers = Fixtures.answers(quiz, 5);
        Api.Reply first = Api.post("/api/v1/activities/" + quiz.getString("id") + "/submissions", answers, student.token());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().getInt("level")).isEqualTo(2);
        Api.Reply replay = Api.post("/api/v1/activities/" + quiz.getString("id") + "/submissions", answers, student.token());
        assertThat(replay.status()).as("the same submission again").isEqualTo(200);
        Fixtures.submit(quiz, student, 5); // another perfect attempt: no badge is earned twice

        List<JsonObject> badges = mine(student, "BADGE_EARNED");
        assertThat(badges).extracting(n -> n.getJsonObject("data").getString("badge")).containsExactlyInAnyOrder("FIRST_QUIZ", "PERFECT_QUIZ");
        JsonObject perfect = badges.stream().filter(n -> n.getJsonObject("data").getString("badge").equals("PERFECT_QUIZ")).findFirst().orElseThrow();
        assertThat(perfect.getString("title")).as("Swahili for sw-KE, by its language").isEqualTo("Beji mpya: Jaribio kamili");
        assertThat(perfect.getBoolean("read")).isFalse();
        List<JsonObject> levels = mine(student, "LEVEL_UP");
        assertThat(levels).singleElement().satisfies(n -> {
            assertThat(n.getJsonObject("data").getString("level")).isEqualTo("2");
            assertThat(n.getString("title")).isEqualTo("Kiwango 2!");
        });
    }

    @Test
    void aCourseAssignedToAClassTellsItsStudentsOnceAndADueDateMovedDoesNotTellThemAgain() {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        Fixtures.Member second = Fixtures.newStudent(c.schoolId());
        Fixtures.enrol(c.classId(), c.teacher(), second);
        Fixtures.Member otherCourseStudent = Fixtures.newStudent(c.schoolId());

        assertThat(mine(c.student(), "COURSE_ASSIGNED")).singleElement().satisfies(n -> {
            assertThat(n.getJsonObject("data").getString("classId")).isEqualTo(c.classId());
            assertThat(n.getJsonObject("data").getString("courseId")).isEqualTo(c.courseId());
            assertThat(n.getString("title")).startsWith("New course: ");
        });
        assertThat(mine(second, "COURSE_ASSIGNED")).as("enrolled after the assignment: it is in the class, not news").isEmpty();

        String due = ZonedDateTime.now(NAIROBI).plusDays(3).toOffsetDateTime().toString();
        Fixtures.require(Api.put("/api/v1/classes/" + c.classId() + "/courses/" + c.courseId(), "{\"dueAt\":\"" + due + "\"}", c.teacher().token()), 200);
        assertThat(mine(c.student(), "COURSE_ASSIGNED")).hasSize(1);
        assertThat(mine(otherCourseStudent, "COURSE_ASSIGNED")).isEmpty();
    }

    @Test
    void anAssignmentDueTomorrowIsToldOnceToStudentsWhoHaveNotFinishedIt() {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        String tomorrowNoon = LocalDate.now(NAIROBI).plusDays(1).atTime(12, 0).atZone(NAIROBI).toOffsetDateTime().toString();
        Fixtures.require(Api.put("/api/v1/classes/" + c.classId() + "/courses/" + c.courseId(), "{\"dueAt\":\"" + tomorrowNoon + "\"}",
                c.teacher().token()), 200);

        runJob("notify-assignments-due");
        runJob("notify-assignments-due");

        assertThat(mine(c.student(), "ASSIGNMENT_DUE")).singleElement().satisfies(n -> {
            assertThat(n.getJsonObject("data").getString("courseId")).isEqualTo(c.courseId());
            assertThat(n.getJsonObject("data").getString("dueOn")).isEqualTo(LocalDate.now(NAIROBI).plusDays(1).toString());
        });
    }

    @Test
    void aStreakAtRiskIsToldOnceADayAndNotToAStudentWhoLearnedToday() throws Exception {
        String school = Fixtures.newSchool();
        Fixtures.Member atRisk = Fixtures.newStudent(school);
        Fixtures.Member learnedToday = Fixtures.newStudent(school);
        LocalDate today = LocalDate.now(ZoneOffset.UTC); // the students' own zone: UTC, as new profiles are
        streak(atRisk, 4, today.minusDays(1));
        streak(learnedToday, 4, today);

        runJob("notify-streaks-at-risk");
        runJob("notify-streaks-at-risk");

        assertThat(mine(atRisk, "STREAK_AT_RISK")).singleElement()
                .satisfies(n -> assertThat(n.getString("title")).isEqualTo("Your 4-day streak ends tonight"));
        assertThat(mine(learnedToday, "STREAK_AT_RISK")).isEmpty();
    }

    @Test
    void aGuardianIsToldOnceAWeekOfAChildWhoHasNotLearnedFor7Days() throws Exception {
        String school = Fixtures.newSchool();
        Fixtures.Member admin = Fixtures.newUserWith("SCHOOL_ADMIN", school);
        Fixtures.Member idle = Fixtures.newStudent(school);
        Fixtures.Member busy = Fixtures.newStudent(school);
        Fixtures.Member guardian = Fixtures.newUserWith("GUARDIAN", null);
        for (Fixtures.Member child : List.of(idle, busy)) {
            Fixtures.require(Api.put("/api/v1/students/" + child.id() + "/guardians/" + guardian.id(), "", admin.token()), 204);
        }
        streak(idle, 0, LocalDate.now(ZoneOffset.UTC).minusDays(10));
        streak(busy, 2, LocalDate.now(ZoneOffset.UTC).minusDays(1));

        runJob("notify-inactive-children");
        runJob("notify-inactive-children");

        assertThat(mine(guardian, "CHILD_INACTIVE")).singleElement()
                .satisfies(n -> assertThat(n.getJsonObject("data").getString("studentId")).isEqualTo(idle.id()));
    }

    @Test
    void aTeachersMessageReachesTheClassOrOneStudentOnceAndOnlyFromItsTeachers() {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        Fixtures.Member classmate = Fixtures.newStudent(c.schoolId());
        Fixtures.enrol(c.classId(), c.teacher(), classmate);
        Fixtures.Member outsider = Fixtures.newStudent(c.schoolId());
        Fixtures.Member otherTeacher = Fixtures.newTeacher(c.schoolId());
        String path = "/api/v1/classes/" + c.classId() + "/messages";
        String messageId = UUID.randomUUID().toString();

        Api.Reply sent = Api.post(path, "{\"text\":\"Quiz on fractions tomorrow\",\"messageId\":\"" + messageId + "\"}", c.teacher().token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().getInt("delivered")).isEqualTo(2);
        Api.Reply resent = Api.post(path, "{\"text\":\"Quiz on fractions tomorrow\",\"messageId\":\"" + messageId + "\"}", c.teacher().token());
        assertThat(resent.json().getInt("delivered")).as("the same message id again").isZero();
        Api.Reply toOne = Api.post(path, "{\"text\":\"Well done today\",\"studentId\":\"" + classmate.id() + "\"}", c.teacher().token());
        assertThat(toOne.json().getInt("delivered")).isEqualTo(1);

        assertThat(mine(c.student(), "TEACHER_MESSAGE")).singleElement().satisfies(n -> {
            assertThat(n.getString("body")).isEqualTo("Quiz on fractions tomorrow");
            assertThat(n.getJsonObject("data").getString("classId")).isEqualTo(c.classId());
        });
        assertThat(mine(classmate, "TEACHER_MESSAGE")).hasSize(2);
        assertThat(mine(outsider, "TEACHER_MESSAGE")).isEmpty();

        assertThat(Api.post(path, "{\"text\":\"hello\"}", otherTeacher.token()).status()).as("a teacher of another class").isEqualTo(403);
        assertThat(Api.post(path, "{\"text\":\"hello\"}", c.student().token()).status()).as("a student").isEqualTo(403);
        Api.Reply notInClass = Api.post(path, "{\"text\":\"hello\",\"studentId\":\"" + outsider.id() + "\"}", c.teacher().token());
        assertThat(notInClass.status()).isEqualTo(404);
        assertThat(notInClass.body()).contains("in class");
        Api.Reply blank = Api.post(path, "{\"text\":\"  \"}", c.teacher().token());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(Api.post(path, "{\"text\":\"" + "x".repeat(1001) + "\"}", c.teacher().token()).status()).isEqualTo(400);
    }

    @Test
    void aMessageToALargeClassWritesEachStudentOneNotificationWithTheTextAsSentAndAResendWritesNone() throws Exception {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        int more = 119; // with the fixture's student, 120: more than fits in one statement's worth of small classes
        try (Connection db = Fixtures.database()) {
            try (PreparedStatement ps = db.prepareStatement("WITH s AS (SELECT gen_random_uuid() AS id, 'it-many-' || gen_random_uuid() AS username"
                    + " FROM generate_series(1, ?)), u AS (INSERT INTO users (id, username, email, password_hash, is_active, created_at, updated_at)"
                    + " SELECT id, username, NULL, 'x', true, now(), now() FROM s RETURNING id),"
                    + " r AS (INSERT INTO user_roles (user_id, role) SELECT id, 'STUDENT' FROM u RETURNING user_id),"
                    + " p AS (INSERT INTO profiles (id, user_id, display_name, locale, xp_points, level, time_zone, school_id, ranked, created_at, updated_at)"
                    + " SELECT gen_random_uuid(), id, 'Many ' || id, 'en', 0, 1, 'UTC', CAST(? AS uuid), true, now(), now() FROM u RETURNING user_id)"
                    + " INSERT INTO class_enrolments (class_id, student_id, enrolled_at) SELECT CAST(? AS uuid), user_id, now() FROM p")) {
                ps.setInt(1, more);
                ps.setString(2, c.schoolId());
                ps.setString(3, c.classId());
                assertThat(ps.executeUpdate()).isEqualTo(more);
            }
        }
        String path = "/api/v1/classes/" + c.classId() + "/messages";
        String messageId = UUID.randomUUID().toString();
        String text = "Bring \"rulers\", {pens} & a C:\\ drive; 100% ready?";
        String body = "{\"text\":" + jakarta.json.Json.createValue(text) + ",\"messageId\":\"" + messageId + "\"}";

        Api.Reply sent = Api.post(path, body, c.teacher().token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().getInt("delivered")).isEqualTo(more + 1);
        Api.Reply resent = Api.post(path, body, c.teacher().token());
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.json().getInt("delivered")).as("the same message id again").isZero();

        try (Connection db = Fixtures.database(); PreparedStatement ps = db.prepareStatement("SELECT count(*), count(DISTINCT n.user_id), count(DISTINCT n.seq),"
                + " count(*) FILTER (WHERE n.body = ?), count(*) FILTER (WHERE n.data ->> 'messageId' = ?)"
                + " FROM class_enrolments e JOIN user_notifications n ON n.user_id = e.student_id AND n.kind = 'TEACHER_MESSAGE'"
                + " WHERE e.class_id = CAST(? AS uuid)")) {
            ps.setString(1, text);
            ps.setString(2, messageId);
            ps.setString(3, c.classId());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                        .as("rows, students, seqs, bodies as sent, data of this message").containsOnly(more + 1);
            }
        }
        assertThat(mine(c.student(), "TEACHER_MESSAGE")).singleElement()
                .satisfies(n -> assertThat(n.getString("body")).isEqualTo(text));
    }

    @Test
    void anUploadWithARejectedEventTellsTheStudentAndTheClassTeachersOnceAndItsReplayDoesNot() {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        String device = "tablet-" + UUID.randomUUID().toString().substring(0, 8);
        SyncClient.register(c.student(), device);
        List<SyncClient.Event> batch = List.of(
                new SyncClient.Event(UUID.randomUUID(), 1, "NOTIFICATION_READ", SyncClient.now(), "{\"notificationId\":\"" + UUID.randomUUID() + "\"}"));

        JsonObject receipt = SyncClient.uploaded(c.student(), device, batch);
        assertThat(receipt.getInt("rejected")).isEqualTo(1);
        SyncClient.uploaded(c.student(), device, batch);

        assertThat(mine(c.student(), "SYNC_REVIEW")).singleElement().satisfies(n -> {
            assertThat(n.getJsonObject("data").getString("rejected")).isEqualTo("1");
            assertThat(n.getJsonObject("data").getString("receiptId")).isEqualTo(receipt.getString("receiptId"));
        });
        assertThat(mine(c.teacher(), "SYNC_REVIEW")).singleElement()
                .satisfies(n -> assertThat(n.getJsonObject("data").getString("studentId")).isEqualTo(c.student().id()));
    }

    @Test
    void onlyTheRecipientListsCountsReadsAndDeletesTheirNotifications() {
        Fixtures.ClassWithCourse c = Fixtures.classWithCourse();
        Fixtures.require(Api.post("/api/v1/classes/" + c.classId() + "/messages", "{\"text\":\"one\"}", c.teacher().token()), 200);
        Fixtures.require(Api.post("/api/v1/classes/" + c.classId() + "/messages", "{\"text\":\"two\"}", c.teacher().token()), 200);
        Fixtures.Member other = Fixtures.newStudent(null);

        JsonObject page = Api.get("/api/v1/notifications", c.student().token()).json();
        assertThat(page.getInt("total")).isEqualTo(3); // the course assigned and two messages
        assertThat(page.getInt("unread")).isEqualTo(3);
        List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(n -> n.getString("body")).startsWith("two", "one");
        assertThat(items.get(0).getJsonNumber("seq").longValue()).isGreaterThan(items.get(1).getJsonNumber("seq").longValue());
        String newest = items.get(0).getString("id");

        assertThat(Api.post("/api/v1/notifications/" + newest + "/read", "", other.token()).status()).as("someone else's").isEqualTo(404);
        assertThat(Api.delete("/api/v1/notifications/" + newest, other.token()).status()).isEqualTo(404);
        assertThat(Api.post("/api/v1/notifications/not-an-id/read", "", c.student().token()).status()).as("not an id").isEqualTo(400);
        assertThat(Api.get("/api/v1/notifications?limit=0", c.student().token()).status()).isEqualTo(400);

        JsonObject read = Api.post("/api/v1/notifications/" + newest + "/read", "", c.student().token()).json();
        assertThat(read.getBoolean("read")).isTrue();
        assertThat(read.getString("readAt")).isNotBlank();
        assertThat(Api.get("/api/v1/notifications/unread-count", c.student().token()).json().getInt("unread")).isEqualTo(2);
        assertThat(Api.get("/api/v1/notifications?unread=true", c.student().token()).json().getJsonArray("items"))
                .extracting(v -> v.asJsonObject().getString("id")).doesNotContain(newest).hasSize(2);

        assertThat(Api.post("/api/v1/notifications/read-all", "", c.student().token()).json().getInt("marked")).isEqualTo(2);
        assertThat(Api.get("/api/v1/notifications/unread-count", c.student().token()).json().getInt("unread")).isZero();
        assertThat(Api.delete("/api/v1/notifications/" + newest, c.student().token()).status()).isEqualTo(204);
        assertThat(Api.get("/api/v1/notifications", c.student().token()).json().getInt("total")).isEqualTo(2);
        assertThat(Api.get("/api/v1/notifications", null).status()).as("signed out").isEqualTo(401);
    }

    private static void streak(Fixtures.Member student, int days, LocalDate lastActive) throws Exception {
        sql("INSERT INTO streaks (student_id, current_days, longest_days, last_active_on) VALUES (?, ?, ?, ?)",
                UUID.fromString(student.id()), days, days, lastActive);
    }

    private static void runJob(String job) {
        Api.Reply r = Api.post("/api/v1/admin/maintenance/" + job + "/run", "", Api.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getString("lastOutcome")).as(r.toString()).isEqualTo("SUCCEEDED");
    }

    private static void sql(String statement, Object... values) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
