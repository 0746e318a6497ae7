package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class, school and global boards: ranks equal PostgreSQL's own ranking, Redis down or emptied changes
 * nothing a student sees, and only students who may see a board see it.
 */
@ExtendWith(ArquillianExtension.class)
class LeaderboardIT extends DeployedEar {

    /** How long an instance serves a rendered top list before asking Redis again (changes made through it drop it at once). */
    private static final long TOP_RENDER_MILLIS = 1_100;

    /** A class of five students who learned different amounts (75, 55, 30, 30, 0 XP) and its teacher. */
    private record Classroom(String schoolId, String classId, Fixtures.Member teacher, List<Fixtures.Member> students, JsonObject quiz) {
    }

    private static Classroom classroom() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        List<Fixtures.Member> students = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Fixtures.Member s = Fixtures.newStudent(school);
            Fixtures.enrol(classId, teacher, s);
            students.add(s);
        }
        JsonObject lesson = Fixtures.publishedLesson(students.get(0).token());
        JsonObject reading = lesson.getJsonArray("activities").getJsonObject(0);
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);
        assertThat(Fixtures.read(reading, students.get(0), 100).status()).isEqualTo(200); // 20
        Fixtures.submit(quiz, students.get(0), 5); // 55
        Fixtures.submit(quiz, students.get(1), 5); // 55
        Fixtures.submit(quiz, students.get(2), 4); // 30
        Fixtures.submit(quiz, students.get(3), 4); // 30
        return new Classroom(school, classId, teacher, students, quiz);
    }

    /** The class's board as PostgreSQL ranks it, from the users' own tables: "id:xp:rank" in board order. */
    static List<String> sqlRanking(String classId) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.user_id, p.xp_points, rank() OVER (ORDER BY p.xp_points DESC)
                FROM profiles p JOIN users u ON u.id = p.user_id JOIN class_enrolments e ON e.student_id = p.user_id AND e.class_id = ?
                WHERE u.is_active AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
                  AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('TEACHER', 'SCHOOL_ADMIN', 'ADMIN'))
                ORDER BY p.xp_points DESC, p.user_id DESC""")) {
            ps.setObject(1, UUID.fromString(classId));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3));
                }
            }
            return rows;
        }
    }

    static List<String> apiRanking(JsonObject board) {
        return board.getJsonArray("entries").stream().map(v -> v.asJsonObject())
                .map(e -> e.getString("studentId") + ":" + e.getJsonNumber("xp").longValue() + ":" + e.getJsonNumber("rank").longValue()).toList();
    }

    @Test
    void classBoardRanksEqualPostgresRankingAndSharedXpSharesARank() throws Exception {
        Classroom room = classroom();
        Api.Reply board = Api.get("/api/v1/leaderboards/classes/" + room.classId() + "?limit=10", room.students().get(4).token());
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        assertThat(apiRanking(board.json())).isEqualTo(sqlRanking(room.classId()));
        assertThat(board.json().getJsonArray("entries").stream().map(e -> e.asJsonObject().getJsonNumber("rank").longValue()).toList())
                .containsExactly(1L, 2L, 3L, 3L, 5L);
        assertThat(board.json().getInt("total")).isEqualTo(5);
        assertThat(board.json().getJsonObject("board").getString("scope")).isEqualTo("class");
        assertThat(board.body()).as("the teacher (who also holds the student role) is not ranked").doesNotContain(room.teacher().id());

        // my rank with one neighbour each side: the window of the SQL ranking around me
        Fixtures.Member me = room.students().get(2);
        JsonObject around = Api.get("/api/v1/leaderboards/classes/" + room.classId() + "/me?neighbours=1", me.token()).json();
        List<String> sql = sqlRanking(room.classId());
        int myPosition = sql.indexOf(sql.stream().filter(r -> r.startsWith(me.id())).findFirst().orElseThrow());
        assertThat(apiRanking(around)).isEqualTo(sql.subList(Math.max(0, myPosition - 1), Math.min(sql.size(), myPosition + 2)));
        assertThat(around.getJsonArray("entries").stream().filter(e -> e.asJsonObject().getBoolean("me")).findFirst().orElseThrow()
                .asJsonObject().getInt("rank")).isEqualTo(3);

        // this week's board holds only those who earned XP this week
        JsonObject week = Api.get("/api/v1/leaderboards/classes/" + room.classId() + "?period=week", room.teacher().token()).json();
        assertThat(week.getInt("total")).isEqualTo(4);
        assertThat(week.getJsonObject("board").getString("week")).matches("\\d{4}-W\\d{2}");
        assertThat(apiRanking(week)).isEqualTo(sql.subList(0, 4));

        // the school's board holds the same students
        JsonObject school = Api.get("/api/v1/leaderboards/schools/" + room.schoolId(), me.token()).json();
        assertThat(apiRanking(school)).isEqualTo(sql);
    }

    @Test
    void rankReadsAtTheSameTimeEachGetTheirOwnAnswer() throws Exception {
        // concurrent readers' scripts share Redis pipelines: no reader may get another's reply
        Classroom room = classroom();
        String path = "/api/v1/leaderboards/classes/" + room.classId() + "/me?neighbours=0";
        assertThat(Api.get(path, room.students().get(0).token()).header("X-Leaderboard-Source")).isEqualTo("redis"); // built
        List<String> sql = sqlRanking(room.classId());
        ExecutorService readers = Executors.newFixedThreadPool(room.students().size() * 2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                for (Fixtures.Member student : room.students()) {
                    answers.add(readers.submit(() -> {
                        start.await();
                        List<String> seen = new ArrayList<>();
                        for (int i = 0; i < 15; i++) {
                            Api.Reply r = Api.get(path, student.token());
                            assertThat(r.header("X-Leaderboard-Source")).as(r.toString()).isEqualTo("redis");
                            seen.add(student.id() + " saw " + apiRanking(r.json()));
                        }
                        return seen;
                    }));
                }
            }
            start.countDown();
            for (int a = 0; a < answers.size(); a++) {
                String id = room.students().get(a % room.students().size()).id();
                String own = sql.stream().filter(row -> row.startsWith(id)).findFirst().orElseThrow();
                assertThat(answers.get(a).get(60, TimeUnit.SECONDS)).hasSize(15)
                        .allMatch(seen -> seen.equals(id + " saw [" + own + "]"), "each answer is the reader's own place");
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void newXpMovesAStudentUpAtOnce() throws Exception {
        Classroom room = classroom();
        String path = "/api/v1/leaderboards/classes/" + room.classId();
        Api.Reply first = Api.get(path, room.teacher().token()); // built in Redis
        assertThat(first.status()).isEqualTo(200);
        Api.Reply again = Api.get(path, room.teacher().token());
        assertThat(again.header("X-Cache")).as("the same rendering, held for the reader").isEqualTo("hit");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("X-Leaderboard-Source")).isEqualTo(first.header("X-Leaderboard-Source"));
        assertThat(Api.send(Api.request(path, room.teacher().token()).header("If-None-Match", again.header("ETag")).GET().build()).status())
                .as("a poller revalidates").isEqualTo(304);
        Fixtures.submit(room.quiz(), room.students().get(4), 5); // 0 → 55
        Api.Reply moved = Api.get(path, room.teacher().token());
        assertThat(moved.header("X-Cache")).as("rendered anew after the change").isEqualTo("miss");
        JsonObject board = moved.json();
        assertThat(apiRanking(board)).isEqualTo(sqlRanking(room.classId()));
        assertThat(apiRanking(board)).anyMatch(r -> r.startsWith(room.students().get(4).id() + ":55:2"));
    }

    @Test
    void myRankIsReadFromTheBoardOnEveryRequest() throws Exception {
        Classroom room = classroom();
        Fixtures.Member me = room.students().get(3); // 30 XP: third, with student 2 (75, 55, 30, 30, 0)
        String path = "/api/v1/leaderboards/classes/" + room.classId() + "/me?neighbours=1";
        Api.Reply first = Api.get(path, me.token());
        assertThat(first.header("X-Leaderboard-Source")).as(first.toString()).isEqualTo("redis");
        assertThat(myEntry(first).getInt("rank")).as(first.body()).isEqualTo(3);
        Api.Reply again = Api.get(path, me.token());
        assertThat(again.header("X-Cache")).as("the same standings: the rendering is reused").isEqualTo("hit");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("X-Leaderboard-Source")).isEqualTo("redis");
        assertThat(Api.send(Api.request(path, me.token()).header("If-None-Match", again.header("ETag")).GET().build()).status())
                .as("a poller revalidates").isEqualTo(304);
        Api.Reply fresh = Api.send(Api.request(path, me.token()).header("Cache-Control", "no-cache").GET().build());
        assertThat(fresh.header("X-Cache")).as("no-cache: rendered anew").isEqualTo("miss");
        assertThat(fresh.body()).isEqualTo(first.body());

        // another instance's write reaches Redis only: this one must see it on the next read all the same
        String lastPlace = room.students().get(4).id();
        try (JedisPooled redis = Api.redis()) {
            redis.zadd("spark:lb:{class:" + room.classId() + ":all}", 1_000, lastPlace);
        }
        Api.Reply moved = Api.get(path, me.token());
        assertThat(moved.header("X-Cache")).as("a changed board is rendered anew").isEqualTo("miss");
        assertThat(myEntry(moved).getInt("rank")).as(moved.body()).isEqualTo(4);
        assertThat(moved.json().getInt("total")).isEqualTo(5);
        assertThat(moved.json().getJsonArray("entries").stream().map(e -> e.asJsonObject().getInt("rank")).toList())
                .as("1000, 75, 55, 30, 30: I am fourth with student 2 (equal XP listed by id, descending)")
                .isEqualTo(me.id().compareTo(room.students().get(2).id()) > 0 ? List.of(3, 4, 4) : List.of(4, 4));
        assertThat(moved.header("ETag")).isNotEqualTo(again.header("ETag"));

        // a neighbour renamed: the held rendering is not shown again with the old name
        Fixtures.Member neighbour = room.students().get(2);
        String renamed = Api.uniqueName("Renamed");
        assertThat(Api.patch("/api/v1/users/me", "{\"displayName\":\"" + renamed + "\"}", neighbour.token()).status()).isEqualTo(200);
        Api.Reply named = Api.get(path, me.token());
        assertThat(named.header("X-Cache")).isEqualTo("miss");
        assertThat(named.json().getJsonArray("entries").stream().map(v -> v.asJsonObject())
                .filter(e -> e.getString("studentId").equals(neighbour.id())).findFirst().orElseThrow().getString("displayName"))
                .isEqualTo(renamed);
    }

    private static JsonObject myEntry(Api.Reply aroundMe) {
        return aroundMe.json().getJsonArray("entries").stream().map(v -> v.asJsonObject())
                .filter(e -> e.getBoolean("me")).findFirst().orElseThrow();
    }

    @Test
    void withRedisDownOrEmptiedBoardsAnswerTheSameFromPostgres() throws Exception {
        Classroom room = classroom();
        String path = "/api/v1/leaderboards/classes/" + room.classId();
        String token = room.students().get(0).token();
        Api.Reply fromRedis = Api.get(path, token);
        assertThat(fromRedis.header("X-Leaderboard-Source")).isEqualTo("redis");

        try (JedisPooled redis = Api.redis()) {
            // Redis stops answering anyone for 3 s: the server's calls time out and it falls back
            redis.sendCommand(Protocol.Command.CLIENT, "PAUSE", "3000", "ALL");
            Thread.sleep(TOP_RENDER_MILLIS); // a top list rendered within the last second is served as it is
            Api.Reply fromDatabase = Api.get(path, token);
            assertThat(fromDatabase.status()).isEqualTo(200);
            assertThat(fromDatabase.header("X-Leaderboard-Source")).isEqualTo("database");
            assertThat(apiRanking(fromDatabase.json())).isEqualTo(apiRanking(fromRedis.json()));

            // learning while Redis is away is not lost from the board once it is back
            Fixtures.submit(room.quiz(), room.students().get(4), 5);
            Api.Reply stillDown = Api.get(path, token);
            assertThat(apiRanking(stillDown.json())).isEqualTo(sqlRanking(room.classId()));
            Thread.sleep(6_000); // the pause ends, and the server's 5 s breaker closes
            Api.Reply back = Api.get(path, token);
            assertThat(back.header("X-Leaderboard-Source")).isEqualTo("redis");
            assertThat(apiRanking(back.json())).isEqualTo(sqlRanking(room.classId()));

            // Redis emptied (a restart without persistence): rebuilt from PostgreSQL on the next read
            redis.keys("spark:lb*").forEach(redis::del);
            Thread.sleep(TOP_RENDER_MILLIS);
            Api.Reply rebuilt = Api.get(path, token);
            assertThat(rebuilt.header("X-Leaderboard-Source")).isEqualTo("redis");
            assertThat(apiRanking(rebuilt.json())).isEqualTo(sqlRanking(room.classId()));
        }
    }

    @Test
    void boardsAreSeenOnlyByTheirSchoolAndClass() {
        Classroom room = classroom();
        String otherSchool = Fixtures.newSchool();
        Fixtures.Member stranger = Fixtures.newStudent(otherSchool);
        Fixtures.Member otherTeacher = Fixtures.newTeacher(otherSchool);
        Fixtures.Member sameSchoolNotInClass = Fixtures.newStudent(room.schoolId());
        String classBoard = "/api/v1/leaderboards/classes/" + room.classId();

        assertThat(Api.get(classBoard, stranger.token()).status()).isEqualTo(403);
        assertThat(Api.get(classBoard, otherTeacher.token()).status()).isEqualTo(403);
        assertThat(Api.get(classBoard, sameSchoolNotInClass.token()).status()).isEqualTo(403);
        assertThat(Api.get(classBoard + "/me", stranger.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/leaderboards/schools/" + room.schoolId(), stranger.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/leaderboards/schools/" + room.schoolId(), sameSchoolNotInClass.token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/leaderboards/classes/" + UUID.randomUUID(), stranger.token()).status()).isEqualTo(404);
        Api.Reply teacherRank = Api.get(classBoard + "/me", room.teacher().token());
        assertThat(teacherRank.status()).isEqualTo(403);
        assertThat(teacherRank.header("Content-Type")).startsWith("application/problem+json");
        // a query parameter out of range is named in the problem as it is in the URL
        Api.Reply badPeriod = Api.get(classBoard + "?period=month", room.teacher().token());
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("period");
        Api.Reply badLimit = Api.get(classBoard + "?limit=1000", room.teacher().token());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().getString("detail")).isEqualTo("limit must be less than or equal to 100");
        assertThat(Api.get("/api/v1/leaderboards/global", stranger.token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/leaderboards/global", null).status()).isEqualTo(401);
    }

    @Test
    void aStudentTakenOutOfTheClassLosesItsBoardAtOnce() {
        Classroom room = classroom();
        Fixtures.Member leaving = room.students().get(1);
        String classBoard = "/api/v1/leaderboards/classes/" + room.classId();
        assertThat(Api.get(classBoard, leaving.token()).status()).isEqualTo(200); // the reader's access is now remembered
        assertThat(Api.delete("/api/v1/classes/" + room.classId() + "/students/" + leaving.id(), room.teacher().token()).status())
                .isEqualTo(204);
        assertThat(Api.get(classBoard, leaving.token()).status()).isEqualTo(403);
        assertThat(Api.get(classBoard + "/me", leaving.token()).status()).isEqualTo(403);
        assertThat(Api.get(classBoard, room.students().get(2).token()).status()).isEqualTo(200);
    }

    @Test
    void aStudentCanHideTheirNameOnGlobalBoards() throws Exception {
        Fixtures.Member star = Fixtures.newStudent(null);
        Fixtures.Member other = Fixtures.newStudent(null);
        assertThat(Api.patch("/api/v1/users/me", "{\"hideNameOnGlobalBoards\":true}", star.token()).status()).isEqualTo(200);
        // the star has earned more than anyone else in this database (written as the ledger would, so XP stays its sum)
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement("""
                WITH top AS (SELECT COALESCE(max(xp_points), 0) + 1000 AS xp FROM profiles),
                     award AS (INSERT INTO xp_events (student_id, points, reason, source_id, created_at)
                               SELECT ?, xp, 'COMPLETION', gen_random_uuid(), now() FROM top)
                UPDATE profiles SET xp_points = (SELECT xp FROM top), level = 20 WHERE user_id = ?""")) {
            ps.setObject(1, UUID.fromString(star.id()));
            ps.setObject(2, UUID.fromString(star.id()));
            ps.executeUpdate();
        }
        try (JedisPooled redis = Api.redis()) {
            redis.keys("spark:lb:{global:*}:built").forEach(redis::del); // the write bypassed the server: rebuild
        }
        Thread.sleep(TOP_RENDER_MILLIS);
        JsonObject seenByOther = Api.get("/api/v1/leaderboards/global?limit=1", other.token()).json().getJsonArray("entries").getJsonObject(0);
        assertThat(seenByOther.getBoolean("hidden")).isTrue();
        assertThat(seenByOther.containsKey("displayName")).isFalse();
        assertThat(seenByOther.containsKey("studentId")).isFalse();
        JsonObject seenBySelf = Api.get("/api/v1/leaderboards/global/me?neighbours=0", star.token()).json().getJsonArray("entries").getJsonObject(0);
        assertThat(seenBySelf.getBoolean("me")).isTrue();
        assertThat(seenBySelf.getBoolean("hidden")).isFalse();
        assertThat(seenBySelf.getString("displayName")).startsWith("Student ");
        assertThat(seenBySelf.getInt("rank")).isEqualTo(1);
    }
}
