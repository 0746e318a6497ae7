package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teachers grade what their students handed in: hand-ins made as a device makes them (a real file uploaded through
 * {@code POST /files}, then an {@code ASSIGNMENT_FILE} event naming that file's id), listed for the class's teachers,
 * graded once into progress and XP, regraded by the difference only (the ledger stays what the recompute finds, also
 * with two teachers grading at once), read by the student with a notification; everyone else refused.
 */
@ExtendWith(ArquillianExtension.class)
class GradingIT extends DeployedEar {

    /** A lesson with a reading and an assignment (the default rules: pass 50, completion 20, bands 90:15,70:10, perfect 10). */
    private static final String COURSE = """
            {"subject":"art","defaultLocale":"en","title":{"en":"Drawing halves"},
             "units":[{"title":{"en":"Unit 1"},"lessons":[
               {"title":{"en":"Halves"},"activities":[{"type":"READING","title":{"en":"Read"},"body":{"en":"Two equal parts."}},
                 {"type":"ASSIGNMENT","title":{"en":"Draw two halves"},"body":{"en":"Hand in a photo of your drawing."}}]}
             ]}]}""";

    private static String school;
    private static String classId;
    private static String assignmentId;
    private static String readingId;
    private static Fixtures.Member teacher;
    private static Fixtures.Member coTeacher;
    private static Fixtures.Member schoolAdmin;
    private static Fixtures.Member otherTeacher;
    private static Fixtures.Member farTeacher;

    @BeforeAll
    static void aClassWithAnAssignment() {
        school = Fixtures.newSchool();
        teacher = Fixtures.newTeacher(school);
        coTeacher = Fixtures.newTeacher(school);
        otherTeacher = Fixtures.newTeacher(school);
        schoolAdmin = Fixtures.newUserWith("SCHOOL_ADMIN", school);
        classId = Fixtures.newClass(school, teacher);
        Fixtures.require(Api.put("/api/v1/classes/" + classId + "/teachers/" + coTeacher.id(), "", teacher.token()), 200);
        Fixtures.newClass(school, otherTeacher);
        String farSchool = Fixtures.newSchool();
        farTeacher = Fixtures.newTeacher(farSchool);
        Fixtures.newClass(farSchool, farTeacher);

        String author = Api.newTeacher().getString("accessToken");
        String courseId = Api.post("/api/v1/courses", COURSE, author).json().getString("id");
        Fixtures.require(Api.post("/api/v1/courses/" + courseId + "/publish", "", author), 200);
        Fixtures.assignCourse(classId, courseId, teacher);
        JsonObject lesson = Api.get("/api/v1/courses/" + courseId, teacher.token()).json()
                .getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0);
        readingId = lesson.getJsonArray("activities").getJsonObject(0).getString("id");
        assignmentId = lesson.getJsonArray("activities").getJsonObject(1).getString("id");
    }

    /** A student of the class with a registered phone (so what it hands in later is plausible). */
    private static Fixtures.Member studentOfTheClass() {
        Fixtures.Member s = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, s);
        SyncClient.register(s, "phone-1");
        return s;
    }

    /** A hand-in as a device makes it: the photo uploaded first, then the offline event naming the file the server issued. */
    private record HandIn(String handinId, String fileId, String name, long size) {
    }

    private static HandIn handIn(Fixtures.Member student, String name, long seed) throws Exception {
        byte[] pdf = FileUploadIT.pdf(12_000 + (int) seed, seed);
        Api.Reply up = FileUploadIT.upload(student, pdf, name, "application/pdf", null);
        Fixtures.require(up, 201);
        String fileId = up.json().getString("id");
        String data = "{\"activityId\":\"" + assignmentId + "\",\"fileRef\":\"" + fileId + "\",\"fileName\":\"" + name
                + "\",\"sizeBytes\":" + pdf.length + ",\"sha256\":\"" + FileUploadIT.sha256(pdf) + "\"}";
        SyncClient.Event event = new SyncClient.Event(UUID.randomUUID(), seed, "ASSIGNMENT_FILE", SyncClient.now(), data);
        JsonObject result = SyncClient.uploaded(student, "phone-1", List.of(event)).getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("status")).as(result.toString()).isEqualTo("APPLIED");
        return new HandIn(result.getJsonObject("result").getString("handinId"), fileId, name, pdf.length);
    }

    private static Api.Reply grade(Fixtures.Member who, String handinId, String body) {
        return Api.put("/api/v1/handins/" + handinId + "/grade", body, who.token());
    }

    private static JsonObject graded(Fixtures.Member who, String handinId, int score, String feedback) {
        Api.Reply r = grade(who, handinId, "{\"score\":" + score + (feedback == null ? "" : ",\"feedback\":\"" + feedback + "\"") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<JsonObject> listed(Fixtures.Member who) {
        Api.Reply r = Api.get("/api/v1/classes/" + classId + "/assignments/" + assignmentId + "/handins?limit=500", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> of(List<JsonObject> handIns, Fixtures.Member student) {
        return handIns.stream().filter(h -> h.getString("studentId").equals(student.id())).toList();
    }

    /** The student's XP: ledger sum, profile, and the sum of their assignment-grade lines. */
    private static long[] xp(Fixtures.Member student) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?::uuid), (SELECT xp_points FROM profiles WHERE user_id = ?::uuid),"
                        + " (SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?::uuid AND reason = 'ASSIGNMENT_GRADE')")) {
            for (int i = 1; i <= 3; i++) {
                ps.setString(i, student.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** The student's score on the class's all-time board in Redis, as the board updater left it after the commit. */
    private static Double boardScore(Fixtures.Member student) {
        try (redis.clients.jedis.JedisPooled redis = Api.redis()) {
            return redis.zscore("spark:lb:{class:" + classId + ":all}", student.id());
        }
    }

    private static String progressStatus(Fixtures.Member student) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT status || ' ' || percent || ' ' || COALESCE(best_score::text, '-') FROM student_progress WHERE student_id = ?::uuid AND activity_id = ?::uuid")) {
            ps.setString(1, student.id());
            ps.setString(2, assignmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    /** The correction a dry run of the XP recompute lists for this student, if any: none means the ledger is what the rules give. */
    private static Optional<JsonObject> recomputed(Fixtures.Member student) {
        Api.Reply dry = Api.post("/api/v1/admin/xp/recompute", "", Api.adminToken());
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        return dry.json().getJsonArray("corrections").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("studentId").equals(student.id())).findFirst();
    }

    private static List<JsonObject> notices(Fixtures.Member student) {
        return Api.get("/api/v1/notifications?limit=100", student.token()).json().getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().filter(n -> n.getString("kind").equals("ASSIGNMENT_GRADED")).toList();
    }

    @Test
    void teachersSeeTheHandInsAndAGradeCountsOnceAndARegradeByTheDifference() throws Exception {
        Fixtures.Member student = studentOfTheClass();
        HandIn first = handIn(student, "mchoro.pdf", 1);
        HandIn second = handIn(student, "mchoro-2.pdf", 2);

        List<JsonObject> mine = of(listed(teacher), student);
        assertThat(mine).extracting(h -> h.getString("handinId")).as("newest first").containsExactly(second.handinId(), first.handinId());
        JsonObject newest = mine.get(0);
        assertThat(newest.getBoolean("latest")).isTrue();
        assertThat(mine.get(1).getBoolean("latest")).isFalse();
        assertThat(newest.getString("fileId")).isEqualTo(second.fileId());
        assertThat(newest.getString("fileName")).isEqualTo("mchoro-2.pdf");
        assertThat(newest.getJsonNumber("sizeBytes").longValue()).isEqualTo(second.size());
        assertThat(newest.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(newest.getString("displayName")).startsWith("Student ");
        assertThat(newest.containsKey("grade")).as("not graded yet").isFalse();
        assertThat(Api.sendBytes(Api.request(newest.getString("contentUrl"), teacher.token()).GET().build()).statusCode())
                .as("the teacher reads the file").isEqualTo(200);
        assertThat(xp(student)).containsExactly(0, 0, 0);

        JsonObject g = graded(teacher, second.handinId(), 80, "Good halves");
        assertThat(g.getInt("score")).isEqualTo(80);
        assertThat(g.getString("feedback")).isEqualTo("Good halves");
        assertThat(g.getInt("revision")).isEqualTo(1);
        assertThat(g.getBoolean("changed")).isTrue();
        assertThat(g.getInt("xpChange")).as("completion 20 + the 70 band 10").isEqualTo(30);
        assertThat(g.getString("progressStatus")).isEqualTo("COMPLETED");
        assertThat(xp(student)).containsExactly(30, 30, 30);
        assertThat(progressStatus(student)).isEqualTo("COMPLETED 100 80.00");

        JsonObject again = graded(coTeacher, second.handinId(), 80, "Good halves");
        assertThat(again.getBoolean("changed")).as("the same grade again (a retry) is no regrade").isFalse();
        assertThat(again.getInt("xpChange")).isZero();
        assertThat(again.getInt("revision")).isEqualTo(1);
        assertThat(xp(student)).as("XP credited once").containsExactly(30, 30, 30);

        JsonObject up = graded(coTeacher, second.handinId(), 100, "Perfect after all");
        assertThat(up.getInt("revision")).isEqualTo(2);
        assertThat(up.getInt("xpChange")).as("55 for a perfect grade, 30 held: the difference").isEqualTo(25);
        assertThat(up.getString("gradedBy")).isEqualTo(coTeacher.id());
        assertThat(xp(student)).containsExactly(55, 55, 55);
        assertThat(boardScore(student)).isEqualTo(55.0);

        JsonObject down = graded(teacher, second.handinId(), 40, "The halves are not equal");
        assertThat(down.getInt("xpChange")).as("below the pass score a grade is worth nothing").isEqualTo(-55);
        assertThat(down.getString("progressStatus")).isEqualTo("IN_PROGRESS");
        assertThat(xp(student)).containsExactly(0, 0, 0);
        assertThat(boardScore(student)).as("the class board goes down with the XP").isEqualTo(0.0);
        assertThat(progressStatus(student)).isEqualTo("IN_PROGRESS 40 40.00");

        JsonObject older = graded(teacher, first.handinId(), 75, null);
        assertThat(older.getInt("xpChange")).as("the best grade of the assignment counts").isEqualTo(30);
        JsonObject newer = graded(teacher, second.handinId(), 70, "Better");
        assertThat(newer.getInt("xpChange")).as("70 is worth what the 75 already gave").isZero();
        assertThat(xp(student)).containsExactly(30, 30, 30);
        assertThat(recomputed(student)).as("the ledger holds what the recompute finds").isEmpty();
        assertThat(Api.get("/api/v1/users/me", student.token()).json().getInt("xpPoints")).isEqualTo(30);

        List<JsonObject> now2 = of(listed(teacher), student);
        assertThat(now2.get(0).getJsonObject("grade").getInt("score")).isEqualTo(70);
        assertThat(now2.get(0).getJsonObject("grade").getInt("revision")).isEqualTo(4);
        assertThat(now2.get(1).getJsonObject("grade").getInt("score")).isEqualTo(75);
        assertThat(now2.get(1).getJsonObject("grade").containsKey("feedback")).isFalse();

        // the student reads their grades and feedback, and was told once per grade given
        Api.Reply own = Api.get("/api/v1/me/handins?activityId=" + assignmentId, student.token());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().getInt("total")).isEqualTo(2);
        JsonObject ownNewest = own.json().getJsonArray("items").getJsonObject(0);
        assertThat(ownNewest.getString("handinId")).isEqualTo(second.handinId());
        assertThat(ownNewest.getJsonObject("grade").getString("feedback")).isEqualTo("Better");
        assertThat(ownNewest.getJsonObject("grade").getString("gradedByName")).startsWith("Student ");
        JsonObject one = Api.get("/api/v1/me/handins/" + first.handinId(), student.token()).json();
        assertThat(one.getBoolean("latest")).isFalse();
        assertThat(one.getJsonObject("grade").getInt("score")).isEqualTo(75);
        List<JsonObject> told = notices(student);
        assertThat(told).as("four grades given to the newest, one to the first; the unchanged one told nothing").hasSize(5);
        JsonObject last = told.get(0);
        assertThat(last.getString("title")).isEqualTo("Your assignment was graded: Draw two halves");
        assertThat(last.getString("body")).contains("70 out of 100");
        assertThat(last.getJsonObject("data").getString("handinId")).isEqualTo(second.handinId());
        assertThat(last.getJsonObject("data").getString("activityId")).isEqualTo(assignmentId);

        // a classmate's hand-in is not theirs to read
        Fixtures.Member classmate = studentOfTheClass();
        assertThat(Api.get("/api/v1/me/handins/" + first.handinId(), classmate.token()).status()).isEqualTo(404);
        assertThat(Api.get("/api/v1/me/handins", classmate.token()).json().getInt("total")).isZero();
    }

    @Test
    void twoTeachersGradingAtOnceNeverDoubleTheXp() throws Exception {
        Fixtures.Member student = studentOfTheClass();
        HandIn a = handIn(student, "a.pdf", 11);
        HandIn b = handIn(student, "b.pdf", 12);
        int[][] rounds = {{80, 100}, {95, 60}, {100, 100}, {30, 55}, {72, 72}};
        for (int[] round : rounds) {
            CyclicBarrier start = new CyclicBarrier(4);
            List<CompletableFuture<Api.Reply>> sent = new ArrayList<>();
            Object[][] gradings = {{teacher, a, round[0]}, {coTeacher, a, round[1]}, {schoolAdmin, b, round[1]}, {teacher, b, round[0]}};
            for (Object[] grading : gradings) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return grade((Fixtures.Member) grading[0], ((HandIn) grading[1]).handinId(), "{\"score\":" + grading[2] + "}");
                }));
            }
            for (CompletableFuture<Api.Reply> f : sent) {
                assertThat(f.get().status()).as(f.get().toString()).isEqualTo(200);
            }
            int best = listed(teacher).stream().filter(h -> h.getString("studentId").equals(student.id()))
                    .mapToInt(h -> h.getJsonObject("grade").getInt("score")).max().orElseThrow();
            long worth = best >= 90 ? (best == 100 ? 55 : 45) : best >= 70 ? 30 : best >= 50 ? 20 : 0;
            assertThat(xp(student)).as("after %s: the ledger holds what the best grade (%d) is worth", java.util.Arrays.toString(round), best)
                    .containsExactly(worth, worth, worth);
        }
        assertThat(recomputed(student)).isEmpty();
    }

    @Test
    void onlyTheClassTeachersAndTheSchoolAdminsSeeAndGrade() throws Exception {
        Fixtures.Member student = studentOfTheClass();
        HandIn h = handIn(student, "insha.pdf", 21);

        assertThat(of(listed(schoolAdmin), student)).hasSize(1);
        assertThat(graded(schoolAdmin, h.handinId(), 65, "Seen by the head teacher").getInt("xpChange")).isEqualTo(20);

        String list = "/api/v1/classes/" + classId + "/assignments/" + assignmentId + "/handins";
        for (Fixtures.Member stranger : new Fixtures.Member[]{otherTeacher, farTeacher}) {
            Api.Reply seen = Api.get(list, stranger.token());
            assertThat(seen.status()).as(stranger.username() + " " + seen).isEqualTo(404);
            assertThat(seen.header("Content-Type")).startsWith("application/problem+json");
            assertThat(grade(stranger, h.handinId(), "{\"score\":100}").status()).isEqualTo(404);
        }
        Api.Reply studentGrades = grade(student, h.handinId(), "{\"score\":100}");
        assertThat(studentGrades.status()).as(studentGrades.toString()).isEqualTo(403);
        assertThat(studentGrades.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.get(list, student.token()).status()).isEqualTo(403);
        assertThat(xp(student)).as("no refused grading moved anything").containsExactly(20, 20, 20);

        assertThat(grade(teacher, UUID.randomUUID().toString(), "{\"score\":50}").status()).as("no such hand-in").isEqualTo(404);
        assertThat(Api.get("/api/v1/classes/" + classId + "/assignments/" + readingId + "/handins", teacher.token()).status())
                .as("a reading is no assignment").isEqualTo(404);
    }

    @Test
    void badGradesAreRefusedWithWhatIsWrong() throws Exception {
        Fixtures.Member student = studentOfTheClass();
        HandIn h = handIn(student, "kazi.pdf", 31);
        String[][] cases = {
                {"{\"score\":101}", "score"}, {"{\"score\":-1}", "score"}, {"{\"score\":\"50\"}", "score"}, {"{\"score\":50.5}", "score"},
                {"{}", "score"}, {"{\"feedback\":\"no score\"}", "score"},
                {"{\"score\":50,\"feedback\":\"" + "a".repeat(2001) + "\"}", "feedback"},
                {"{\"score\":50,\"feedback\":\"nul \\u0000 here\"}", "feedback"},
                {"{\"score\":50,\"xp\":1000}", "xp"}};
        for (String[] c : cases) {
            Api.Reply r = grade(teacher, h.handinId(), c[0]);
            assertThat(r.status()).as(c[0].length() > 80 ? c[0].substring(0, 80) : c[0]).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains(c[1]);
        }
        assertThat(Api.send(Api.request("/api/v1/handins/" + h.handinId() + "/grade", teacher.token()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"score\":")).build()).status()).as("not JSON").isEqualTo(400);
        assertThat(grade(teacher, "not-a-uuid", "{\"score\":50}").status()).isEqualTo(400);
        assertThat(Api.get("/api/v1/classes/" + classId + "/assignments/" + assignmentId + "/handins?limit=0", teacher.token()).status())
                .isEqualTo(400);
        assertThat(xp(student)).containsExactly(0, 0, 0);
        assertThat(of(listed(teacher), student).get(0).containsKey("grade")).isFalse();

        JsonObject multiline = graded(teacher, h.handinId(), 50, "Line one\\nLine two\\tend");
        assertThat(multiline.getString("feedback")).isEqualTo("Line one\nLine two\tend");
    }
}
