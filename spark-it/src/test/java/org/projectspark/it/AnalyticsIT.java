package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teacher analytics on a class whose learning is known: class_performance_summary against the same figures
 * computed directly in SQL, the teacher dashboard (students, who struggles and why, hardest questions,
 * activity per day), the student report, and the per-user cache that never crosses users or outlives access.
 */
@ExtendWith(ArquillianExtension.class)
class AnalyticsIT extends DeployedEar {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    static String school;
    static String classId;
    static String courseId;
    static Fixtures.Member teacher;
    /** Read the lesson and got the quiz right: the lesson is complete. */
    static Fixtures.Member strong;
    /** Two quizzes with 1 of 5 right. */
    static Fixtures.Member weak;
    /** Enrolled, never learned. */
    static Fixtures.Member absent;
    static JsonObject quiz;

    @BeforeAll
    static void classWithKnownLearning() throws Exception {
        school = Fixtures.newSchool();
        teacher = Fixtures.newTeacher(school);
        classId = Fixtures.newClass(school, teacher);
        courseId = Fixtures.publishedCourse();
        Fixtures.assignCourse(classId, courseId, teacher);
        strong = Fixtures.newStudent(school);
        weak = Fixtures.newStudent(school);
        absent = Fixtures.newStudent(school);
        for (Fixtures.Member s : new Fixtures.Member[] {strong, weak, absent}) {
            Fixtures.enrol(classId, teacher, s);
        }
        JsonObject lesson = Api.get("/api/v1/courses/" + courseId, strong.token()).json()
                .getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0);
        JsonObject reading = lesson.getJsonArray("activities").getJsonObject(0);
        quiz = lesson.getJsonArray("activities").getJsonObject(1);
        Fixtures.require(Fixtures.read(reading, strong, 100), 200);
        Fixtures.submit(quiz, strong, 5);
        Fixtures.submit(quiz, weak, 1);
        Fixtures.submit(quiz, weak, 1);
        refreshView();
    }

    static void refreshView() throws Exception {
        try (Connection db = Fixtures.database()) {
            db.createStatement().execute("REFRESH MATERIALIZED VIEW CONCURRENTLY class_performance_summary");
        }
    }

    /** Each figure of the summary computed straight from the users' tables, independently of the view's SQL. */
    private static Object[] directSummary(Connection db) throws Exception {
        String sql = """
            WITH members AS (SELECT student_id FROM class_enrolments WHERE class_id = ?::uuid),
                 course_activities AS (SELECT a.id FROM activities a JOIN lessons l ON l.id = a.lesson_id
                     JOIN course_units u ON u.id = l.unit_id JOIN class_courses cc ON cc.course_id = u.course_id
                     WHERE cc.class_id = ?::uuid AND a.type <> 'ASSIGNMENT')
            SELECT (SELECT count(*) FROM members),
                   (SELECT count(*) FROM members m WHERE (SELECT max(last_accessed) FROM student_progress p
                        WHERE p.student_id = m.student_id) > now() - interval '7 days'),
                   (SELECT round(avg(score), 2) FROM submissions WHERE student_id IN (SELECT student_id FROM members)),
                   (SELECT round(100.0 * (SELECT count(*) FROM student_progress WHERE status = 'COMPLETED'
                        AND student_id IN (SELECT student_id FROM members) AND activity_id IN (SELECT id FROM course_activities))
                        / ((SELECT count(*) FROM members) * (SELECT count(*) FROM course_activities)), 2)),
                   (SELECT coalesce(sum(points), 0) FROM xp_events WHERE student_id IN (SELECT student_id FROM members)
                        AND reason <> 'RULES_ADJUSTMENT'
                        AND created_at >= date_trunc('week', now() AT TIME ZONE 'Africa/Nairobi') AT TIME ZONE 'Africa/Nairobi'),
                   (SELECT count(*) FROM members m CROSS JOIN lessons l WHERE EXISTS (SELECT 1 FROM activities a WHERE a.lesson_id = l.id AND a.type <> 'ASSIGNMENT')
                        AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lesson_id = l.id AND a.type <> 'ASSIGNMENT'
                            AND NOT EXISTS (SELECT 1 FROM student_progress p WHERE p.activity_id = a.id
                                AND p.student_id = m.student_id AND p.status = 'COMPLETED')))
            """;
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, classId);
            q.setString(2, classId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return new Object[] {r.getLong(1), r.getLong(2), r.getBigDecimal(3), r.getBigDecimal(4), r.getLong(5), r.getLong(6)};
            }
        }
    }

    private static Object[] viewRow(Connection db) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT students, active_last_7_days, average_score, completion_rate,"
                + " xp_this_week, lessons_completed FROM class_performance_summary WHERE class_id = ?::uuid")) {
            q.setString(1, classId);
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("the class has a summary row").isTrue();
                return new Object[] {r.getLong(1), r.getLong(2), r.getBigDecimal(3), r.getBigDecimal(4), r.getLong(5), r.getLong(6)};
            }
        }
    }

    @Test
    void theSummaryViewEqualsADirectComputationAndTheKnownFigures() throws Exception {
        try (Connection db = Fixtures.database()) {
            Object[] view = viewRow(db);
            assertThat(view).containsExactly(directSummary(db));
            // 3 students, 2 active, scores 100, 20, 20; 2 of 3 x 2 activities completed; strong's one lesson
            assertThat(view[0]).isEqualTo(3L);
            assertThat(view[1]).isEqualTo(2L);
            assertThat((BigDecimal) view[2]).isEqualByComparingTo("46.67");
            assertThat((BigDecimal) view[3]).isEqualByComparingTo("33.33");
            assertThat((Long) view[4]).isPositive();
            assertThat(view[5]).isEqualTo(1L);
        }
    }

    @Test
    void theViewMovesOnlyWhenRefreshed() throws Exception {
        Fixtures.Member late = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, late);
        try (Connection db = Fixtures.database()) {
            long before = (Long) viewRow(db)[0];
            refreshView();
            assertThat(viewRow(db)[0]).isEqualTo(before + 1);
            assertThat(viewRow(db)).containsExactly(directSummary(db));
        } finally {
            Fixtures.require(Api.delete("/api/v1/classes/" + classId + "/students/" + late.id(), teacher.token()), 204);
            refreshView();
        }
    }

    @Test
    void theTeacherDashboardShowsProgressStrugglesHardQuestionsAndDays() {
        Api.Reply reply = Api.send(Api.request("/api/v1/classes/" + classId + "/dashboard", teacher.token())
                .header("Cache-Control", "no-cache").GET().build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject d = reply.json();
        assertThat(d.getJsonObject("summary").getInt("students")).isEqualTo(3);

        JsonArray students = d.getJsonArray("students");
        assertThat(students).hasSize(3);
        JsonObject s = byId(students, strong.id());
        assertThat(s.getInt("activitiesCompleted")).isEqualTo(2);
        assertThat(s.getInt("assignedCompleted")).isEqualTo(2);
        assertThat(s.getInt("assignedActivities")).isEqualTo(2);
        assertThat(s.getJsonNumber("averageScore").bigDecimalValue()).isEqualByComparingTo("100");
        assertThat(s.containsKey("lastActiveAt")).isTrue();
        assertThat(byId(students, absent.id()).containsKey("lastActiveAt")).isFalse();
        assertThat(byId(students, weak.id()).getInt("submissions")).isEqualTo(2);

        JsonArray struggling = d.getJsonArray("struggling");
        assertThat(struggling.toString()).doesNotContain(strong.id());
        assertThat(byId(struggling, weak.id()).getJsonArray("reasons").getJsonObject(0).getString("reason")).isEqualTo("LOW_SCORES");
        assertThat(byId(struggling, weak.id()).getJsonArray("reasons").getJsonObject(0).getString("detail")).startsWith("average score 20%");
        assertThat(byId(struggling, absent.id()).getJsonArray("reasons").getJsonObject(0).getString("reason")).isEqualTo("NEVER_ACTIVE");

        // weak got only the first question right twice, strong all five: question 1 is 3/3, the others 1/3
        JsonArray hardest = d.getJsonArray("hardestQuestions");
        assertThat(hardest).hasSize(5);
        assertThat(hardest.getJsonObject(0).getJsonNumber("correctRate").bigDecimalValue()).isEqualByComparingTo("33.33");
        assertThat(hardest.getJsonObject(4).getString("prompt")).isEqualTo("Half of 10?");
        assertThat(hardest.getJsonObject(4).getJsonNumber("correctRate").bigDecimalValue()).isEqualByComparingTo("100");
        assertThat(hardest.getJsonObject(4).getInt("answers")).isEqualTo(3);

        JsonArray days = d.getJsonArray("activityByDay");
        assertThat(days).hasSize(30);
        JsonObject today = days.getJsonObject(29);
        assertThat(today.getString("day")).isEqualTo(LocalDate.now(NAIROBI).toString());
        assertThat(today.getInt("submissions")).isEqualTo(3);
        assertThat(today.getInt("completions")).isEqualTo(2);
        assertThat(today.getInt("activeStudents")).isEqualTo(2);
        assertThat(days.getJsonObject(0).getString("day")).isEqualTo(LocalDate.now(NAIROBI).minusDays(29).toString());
    }

    @Test
    void theStudentReportShowsCoursesRecentQuizzesAndConcerns() {
        JsonObject r = Api.get("/api/v1/analytics/students/" + weak.id(), teacher.token()).json();
        assertThat(r.getString("username")).isEqualTo(weak.username());
        JsonObject course = r.getJsonArray("courses").getJsonObject(0);
        assertThat(course.getString("courseId")).isEqualTo(courseId);
        assertThat(course.getString("title")).isEqualTo("Fractions");
        assertThat(course.getInt("activities")).isEqualTo(2);
        assertThat(course.getInt("activitiesCompleted")).isEqualTo(0);
        assertThat(r.getJsonArray("recentSubmissions")).hasSize(2);
        assertThat(r.getJsonArray("recentSubmissions").getJsonObject(0).getInt("attempt")).isEqualTo(2);
        assertThat(r.getJsonArray("concerns").getJsonObject(0).getString("reason")).isEqualTo("LOW_SCORES");
        JsonObject mine = Api.get("/api/v1/analytics/students/" + strong.id(), strong.token()).json();
        assertThat(mine.getJsonArray("courses").getJsonObject(0).getInt("activitiesCompleted")).isEqualTo(2);
        assertThat(mine.getJsonArray("concerns")).isEmpty();
    }

    @Test
    void cachedAnswersArePerUserAndNeverOutliveAccess() throws Exception {
        Fixtures.Member t1 = Fixtures.newTeacher(school);
        Fixtures.Member t2 = Fixtures.newTeacher(school);
        String c = Fixtures.newClass(school, t1);
        Fixtures.require(Api.put("/api/v1/classes/" + c + "/teachers/" + t2.id(), "", t1.token()), 200);
        String path = "/api/v1/classes/" + c + "/dashboard";

        assertThat(Api.get(path, t1.token()).header("X-Cache")).isEqualTo("miss");
        assertThat(Api.get(path, t1.token()).header("X-Cache")).isEqualTo("hit");
        assertThat(Api.get(path, t2.token()).header("X-Cache")).as("another teacher's entry is their own").isEqualTo("miss");
        assertThat(Api.send(Api.request(path, t1.token()).header("Cache-Control", "no-cache").GET().build()).header("X-Cache")).isEqualTo("miss");
        try (JedisPooled redis = Api.redis()) {
            var keys = redis.keys("spark:cache:dashboard:" + t1.id() + ":*");
            assertThat(keys).hasSize(1);
            assertThat(redis.ttl(keys.iterator().next())).isBetween(1L, 180L);
        }

        // a poller revalidates with the ETag (304, no body); a gzip client gets the same answer compressed
        Api.Reply plain = Api.get(path, t1.token());
        String etag = plain.header("ETag");
        assertThat(etag).isNotBlank();
        Api.Reply unchanged = Api.send(Api.request(path, t1.token()).header("If-None-Match", etag).GET().build());
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(gunzipped(path, t1.token())).isEqualTo(plain.body());

        // t1 leaves the class: their cached dashboard is there, but they are refused, ETag or not
        Fixtures.require(Api.delete("/api/v1/classes/" + c + "/teachers/" + t1.id(), t2.token()), 200);
        assertThat(Api.get(path, t1.token()).status()).isEqualTo(403);
        assertThat(Api.send(Api.request(path, t1.token()).header("If-None-Match", etag).GET().build()).status()).isEqualTo(403);
        assertThat(Api.get(path, t2.token()).header("X-Cache")).isEqualTo("hit");

        // a report cached for its student is not served to a classmate asking for the same URL
        String report = "/api/v1/analytics/students/" + strong.id();
        assertThat(Api.get(report, strong.token()).status()).isEqualTo(200);
        assertThat(Api.get(report, strong.token()).header("X-Cache")).isEqualTo("hit");
        assertThat(Api.get(report, weak.token()).status()).isEqualTo(404);
        try (JedisPooled redis = Api.redis()) {
            var keys = redis.keys("spark:cache:analytics:" + strong.id() + ":*");
            assertThat(keys).hasSize(1);
            assertThat(redis.ttl(keys.iterator().next())).isBetween(181L, 600L);
        }
    }

    /**
     * A repeated read is answered from what the instance holds (before JAX-RS) with everything the first answer had:
     * body, ETag, media type, caching headers, the report's file name; it still counts against the rate limit, echoes
     * the client's request id and is counted in the route's metrics.
     */
    @Test
    void aRepeatedReadIsAnsweredAsTheFirstWas() {
        Fixtures.Member t = Fixtures.newTeacher(school);
        String c = Fixtures.newClass(school, t);
        String path = "/api/v1/classes/" + c + "/dashboard";
        Api.Reply first = Api.get(path, t.token());
        assertThat(first.header("X-Cache")).isEqualTo("miss");
        long before = requestsCounted("/api/v1/classes/{id}/dashboard", 200);

        for (int i = 1; i <= 3; i++) {
            Api.Reply again = Api.send(Api.request(path, t.token()).header("X-Request-Id", "held-read-000" + i).GET().build());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("X-Cache")).isEqualTo("hit");
            assertThat(again.body()).isEqualTo(first.body());
            for (String header : new String[]{"ETag", "Content-Type", "Cache-Control", "Vary", "RateLimit-Limit"}) {
                assertThat(again.header(header)).as(header).isEqualTo(first.header(header));
            }
            assertThat(again.header("X-Request-Id")).isEqualTo("held-read-000" + i);
            assertThat(Long.parseLong(again.header("RateLimit-Remaining"))).as("counted against the limit")
                    .isEqualTo(Long.parseLong(first.header("RateLimit-Remaining")) - i);
        }
        assertThat(requestsCounted("/api/v1/classes/{id}/dashboard", 200)).isEqualTo(before + 3);

        String report = "/api/v1/analytics/classes/" + c + "/report.csv";
        Api.Reply csv = Api.get(report, t.token());
        Api.Reply csvAgain = Api.get(report, t.token());
        assertThat(csvAgain.header("X-Cache")).isEqualTo("hit");
        assertThat(csvAgain.body()).isEqualTo(csv.body());
        assertThat(csvAgain.header("Content-Disposition")).isEqualTo("attachment; filename=\"class-" + c + "-report.csv\"");
        assertThat(csvAgain.header("Content-Type")).isEqualTo(csv.header("Content-Type")).startsWith("text/csv");

        // signed out: the token is refused before anything held is looked at
        assertThat(Api.get(path, t.token()).header("X-Cache")).isEqualTo("hit");
        assertThat(Api.post("/api/v1/auth/logout", "", t.token()).status()).isEqualTo(204);
        assertThat(Api.get(path, t.token()).status()).isEqualTo(401);
    }

    /** The server's count of {@code GET route} answered with {@code status}, from its Prometheus metrics. */
    private static long requestsCounted(String route, int status) {
        Matcher m = Pattern.compile("(?m)^http_requests_total\\{(.*)\\} ([0-9.eE+]+)$").matcher(Api.get("/metrics", null).body());
        long total = 0;
        while (m.find()) {
            if (m.group(1).contains("method=\"GET\"") && m.group(1).contains("route=\"" + route + "\"") && m.group(1).contains("status=\"" + status + "\"")) {
                total += (long) Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** The answer asked for with {@code Accept-Encoding: gzip}: it must come compressed; returned decompressed. */
    private static String gunzipped(String path, String token) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(Api.request(path, token).header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonObject byId(JsonArray items, String id) {
        return items.stream().map(v -> v.asJsonObject()).filter(o -> o.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + items));
    }
}
