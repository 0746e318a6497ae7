package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisCluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on a Redis Cluster of three masters with a replica each, started by this test on loopback, the test
 * domain given its seeds in REDIS_CLUSTER_NODES (the {@code redis-cluster} profile of spark-it/pom.xml, which runs this
 * class alone). Boards, rate limits and caches live in the cluster; with a master killed the application keeps
 * answering, nothing is lost in PostgreSQL, and once the master's replica took over the boards are right again.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT extends DeployedEar {

    /** How long an instance serves a rendered top list before asking Redis again. */
    private static final long TOP_RENDER_MILLIS = 1_100;

    private static LoopbackRedisCluster cluster;
    private static JedisCluster redis;
    /** Classes of one school whose boards lie on at least two masters, each with three students, the last without XP yet. */
    private static final List<String> classes = new ArrayList<>();
    private static final List<List<Fixtures.Member>> students = new ArrayList<>();
    private static JsonObject quiz;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LoopbackRedisCluster.start(Integer.getInteger("spark.redisClusterPort", 7101));
        redis = cluster.client();
        // the application was deployed before the cluster existed: it makes its cluster client once a seed answers
        awaitRedis("healthy", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void boardsRateLimitsAndCachesLiveInTheCluster() throws Exception {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        Set<Integer> masters = new HashSet<>();
        while (classes.size() < 3 || masters.size() < 2) {
            String classId = Fixtures.newClass(school, teacher);
            List<Fixtures.Member> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Fixtures.Member s = Fixtures.newStudent(school);
                Fixtures.enrol(classId, teacher, s);
                members.add(s);
            }
            if (quiz == null) {
                quiz = Fixtures.publishedLesson(members.get(0).token()).getJsonArray("activities").getJsonObject(1);
            }
            Fixtures.submit(quiz, members.get(0), 5);
            Fixtures.submit(quiz, members.get(1), 4);
            classes.add(classId);
            students.add(members);
            masters.add(cluster.masterOf(boardKey(classId)));
            assertThat(classes).as("class boards spread over the masters").hasSizeLessThan(12);
        }

        for (int i = 0; i < classes.size(); i++) {
            Api.Reply board = classBoard(i);
            assertThat(board.header("X-Leaderboard-Source")).as(board.toString()).isEqualTo("redis");
            assertThat(LeaderboardIT.apiRanking(board.json())).isEqualTo(LeaderboardIT.sqlRanking(classes.get(i)));
            assertThat(redis.exists(boardKey(classes.get(i)))).as("the board is a sorted set in the cluster").isTrue();
            assertThat(redis.exists(boardKey(classes.get(i)) + ":built")).isTrue();
        }

        // caches: the user's own view and dashboard are kept in the cluster
        Fixtures.Member reader = students.get(0).get(0);
        assertThat(Api.get("/api/v1/users/me", reader.token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/me/dashboard", reader.token()).status()).isEqualTo(200);
        assertThat(redis.exists("spark:me:" + reader.id())).isTrue();
        assertThat(redis.exists("spark:dashboard:" + reader.id())).isTrue();

        // rate limits: AUTH_RATE_LIMIT_MAX=5 per account and address, counted in buckets in the cluster
        String name = Fixtures.newStudent(null).username();
        String address = Api.freshAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(Api.postFrom(address, "/api/v1/auth/login", login(name, "guess " + i)).status()).isEqualTo(401);
        }
        assertThat(Api.postFrom(address, "/api/v1/auth/login", login(name, "guess 3")).status()).isEqualTo(429);
        assertThat(cluster.keys("spark:rl:login-address:*" + address)).hasSize(1);
    }

    @Test
    @Order(2)
    void withAMasterKilledTheApplicationKeepsAnsweringAndTheBoardsAreRightOnceItsReplicaTookOver() throws Exception {
        int victim = cluster.masterOf(boardKey(classes.get(0)));
        cluster.kill(victim);

        // until a replica takes over: submissions are stored, every read is answered, boards as PostgreSQL ranks them
        for (int i = 0; i < classes.size(); i++) {
            Fixtures.submit(quiz, students.get(i).get(2), 5);
            Api.Reply board = classBoard(i);
            assertThat(board.status()).as(board.toString()).isEqualTo(200);
            assertThat(LeaderboardIT.apiRanking(board.json())).isEqualTo(LeaderboardIT.sqlRanking(classes.get(i)));
            assertThat(Api.get("/api/v1/users/me", students.get(i).get(2).token()).status()).isEqualTo(200);
        }
        assertThat(Api.login(students.get(0).get(0).username(), "a good password").status()).isEqualTo(200);

        cluster.awaitFailover(victim, Duration.ofSeconds(30));
        awaitRedis("healthy", Duration.ofSeconds(30));
        Thread.sleep(TOP_RENDER_MILLIS);

        for (int i = 0; i < classes.size(); i++) {
            Api.Reply board = classBoard(i);
            assertThat(board.header("X-Leaderboard-Source")).as(board.toString()).isEqualTo("redis");
            assertThat(LeaderboardIT.apiRanking(board.json())).as("learning done while the master was away is on the board")
                    .isEqualTo(LeaderboardIT.sqlRanking(classes.get(i)));
            Fixtures.Member late = students.get(i).get(2);
            JsonObject me = Api.get("/api/v1/leaderboards/global/me?neighbours=0", late.token()).json().getJsonArray("entries").getJsonObject(0);
            assertThat(me.getJsonNumber("xp").longValue()).isEqualTo(xpInDatabase(late.id())).isPositive();
        }
        assertThat(cluster.masterOf(boardKey(classes.get(0)))).as("the replica serves the board now").isNotEqualTo(victim);
    }

    private static String boardKey(String classId) {
        return "spark:lb:{class:" + classId + ":all}";
    }

    private static Api.Reply classBoard(int i) {
        return Api.get("/api/v1/leaderboards/classes/" + classes.get(i) + "?limit=10", students.get(i).get(0).token());
    }

    private static String login(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    /** The student's XP, which must equal their ledger: nothing was lost or counted twice. */
    private static long xpInDatabase(String studentId) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT p.xp_points, (SELECT COALESCE(sum(points), 0) FROM xp_events WHERE student_id = p.user_id) FROM profiles p WHERE p.user_id = ?")) {
            ps.setObject(1, UUID.fromString(studentId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("XP equals the ledger").isEqualTo(rs.getLong(2));
                return rs.getLong(1);
            }
        }
    }

    private static void awaitRedis(String status, Duration within) throws InterruptedException {
        LoopbackRedisCluster.awaitTrue("the health document shows Redis " + status, within, () -> {
            try {
                return status.equals(Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("redis").getString("status"));
            } catch (RuntimeException e) {
                return false; // not a health document (yet)
            }
        });
    }
}
