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
import org.projectspark.platform.migration.DatabaseUrl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read pool on a real streaming replica of the test database ({@link StreamingReplica}) on the loopback port of
 * it.replica.url, which the test domain's DATABASE_READ_URL names. The application was deployed while no replica was there
 * (as every other test runs); lag-tolerant reads go to the replica once it answers; what a user just wrote reads back
 * from the primary while replay is paused; with the replica stopped every read is answered from the primary and the
 * health document says so; the replica takes reads again once it is back. The test domain runs with
 * READ_REPLICA_CHECK_INTERVAL=1s and READ_REPLICA_MAX_LAG=20s (spark-it/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT extends DeployedEar {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static StreamingReplica replica;
    private static Fixtures.ClassWithCourse cls;
    private static JsonObject quiz;

    @BeforeAll
    static void replicaTakesTheReadPool() throws Exception {
        DatabaseUrl primary = DatabaseUrl.parse(System.getProperty("spark.databaseUrl"));
        DatabaseUrl readPool = DatabaseUrl.parse(System.getProperty("spark.replicaUrl"));
        if (!readPool.database().equals(primary.database())) {
            throw new IllegalStateException("it.replica.url names database " + readPool.database() + ", it.database.url " + primary.database()
                    + ": the read pool must read the tests' database (set it.replica.url with the same database)");
        }
        // deployed with its read database down: answered from the primary, and the health document says so
        JsonObject down = awaitReplica("unavailable", r -> "unavailable".equals(r.getString("status")));
        assertThat(down.getString("readsFrom")).isEqualTo("primary");
        assertThat(Api.get("/api/v1/health", null).status()).isEqualTo(200);
        cls = Fixtures.classWithCourse();
        quiz = cls.lesson().getJsonArray("activities").getJsonObject(1);
        assertThat(Api.get("/api/v1/courses/" + cls.courseId(), cls.student().token()).status()).isEqualTo(200);
        assertThat(studentRow(freshDashboard()).getInt("submissions")).isZero();

        replica = StreamingReplica.start(primary, readPool.port());
        awaitReplica("reads on the replica", r -> "replica".equals(r.getString("readsFrom")));
    }

    @AfterAll
    static void replicaGoes() {
        if (replica != null) {
            replica.close(); // the read pool's reads go back to the primary, as for the other tests
        }
    }

    @Test
    @Order(1)
    void lagTolerantReadsGoToTheReplica() throws Exception {
        Fixtures.submit(quiz, cls.student(), 5);
        replica.awaitCaughtUp(WITHIN);

        JsonObject row = studentRow(freshDashboard());
        assertThat(row.getInt("submissions")).isEqualTo(1);
        assertThat(Api.get("/api/v1/analytics/students/" + cls.student().id(), cls.teacher().token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/courses/" + cls.courseId(), cls.student().token()).status()).isEqualTo(200);

        try (Connection c = replica.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'project-spark-read' AND datname = current_database()")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the application's read pool is connected to the replica").isPositive();
            }
        }
        JsonObject health = readReplica();
        assertThat(health.getString("status")).isEqualTo("healthy");
        assertThat(health.getBoolean("standby")).isTrue();
        assertThat(health.getJsonNumber("lagSeconds").doubleValue()).isLessThan(20);
    }

    @Test
    @Order(2)
    void withReplayPausedUsersReadBackWhatTheyWroteAndDashboardsLagUntilTheBound() throws Exception {
        replica.awaitCaughtUp(WITHIN); // the lag is counted from the last commit replayed: from now
        pause(true);
        try {
            JsonObject submitted = Fixtures.submit(quiz, cls.student(), 5).json();
            // the teacher's dashboard is the replica's, which has not replayed the second submission
            assertThat(studentRow(freshDashboard()).getInt("submissions")).as("figures read on the paused replica").isEqualTo(1);
            String name = Api.uniqueName("Renamed");
            assertThat(Api.patch("/api/v1/users/me", "{\"displayName\":\"" + name + "\"}", cls.student().token()).status()).isEqualTo(200);

            // the student's own reads: from the primary, with what they just did
            JsonObject dashboard = Api.get("/api/v1/me/dashboard", cls.student().token()).json();
            assertThat(dashboard.getString("displayName")).isEqualTo(name);
            assertThat(dashboard.getInt("xp")).isEqualTo(submitted.getInt("xpTotal"));
            assertThat(Api.get("/api/v1/users/me", cls.student().token()).json().getString("displayName")).isEqualTo(name);
            // a class made now is seen by its teacher: the access check reads the primary
            String newClass = Fixtures.newClass(cls.schoolId(), cls.teacher());
            assertThat(Api.send(Api.request("/api/v1/classes/" + newClass + "/dashboard", cls.teacher().token())
                    .header("Cache-Control", "no-cache").GET().build()).status()).isEqualTo(200);
            awaitReplica("seen paused", r -> r.getBoolean("replayPaused")); // the application looks every READ_REPLICA_CHECK_INTERVAL

            // past READ_REPLICA_MAX_LAG the reads move to the primary
            JsonObject lagging = awaitReplica("lagging", r -> "lagging".equals(r.getString("status")));
            assertThat(lagging.getString("readsFrom")).isEqualTo("primary");
            assertThat(lagging.getJsonNumber("lagSeconds").doubleValue()).isGreaterThan(20);
            assertThat(studentRow(freshDashboard()).getInt("submissions")).as("figures read on the primary").isEqualTo(2);
        } finally {
            pause(false);
        }
        awaitReplica("caught up", r -> "replica".equals(r.getString("readsFrom")));
        assertThat(studentRow(freshDashboard()).getInt("submissions")).isEqualTo(2);
    }

    @Test
    @Order(3)
    void withTheReplicaStoppedEverythingIsServedFromThePrimaryAndItTakesReadsAgainWhenBack() throws Exception {
        replica.stop();
        Fixtures.submit(quiz, cls.student(), 4);

        // no request waits for the replica, none fails: the first meets it gone and is answered from the primary
        long start = System.nanoTime();
        assertThat(studentRow(freshDashboard()).getInt("submissions")).isEqualTo(3);
        assertThat(Api.get("/api/v1/analytics/students/" + cls.student().id(), cls.teacher().token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/courses/" + cls.courseId(), cls.student().token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/courses", cls.student().token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/leaderboards/classes/" + cls.classId(), cls.student().token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/me/dashboard", cls.student().token()).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("six reads without the replica").isLessThan(Duration.ofSeconds(10));

        JsonObject down = awaitReplica("unavailable", r -> "unavailable".equals(r.getString("status")));
        assertThat(down.getString("readsFrom")).isEqualTo("primary");
        Api.Reply health = Api.get("/api/v1/health", null);
        assertThat(health.status()).as("a replica down does not make the server unhealthy").isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("healthy");

        replica.begin();
        awaitReplica("back", r -> "replica".equals(r.getString("readsFrom")));
        replica.awaitCaughtUp(WITHIN);
        assertThat(studentRow(freshDashboard()).getInt("submissions")).isEqualTo(3);
    }

    private static JsonObject freshDashboard() {
        Api.Reply r = Api.send(Api.request("/api/v1/classes/" + cls.classId() + "/dashboard", cls.teacher().token())
                .header("Cache-Control", "no-cache").GET().build());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject studentRow(JsonObject dashboard) {
        return dashboard.getJsonArray("students").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(cls.student().id())).findFirst().orElseThrow();
    }

    private static JsonObject readReplica() {
        return Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("readReplica");
    }

    private static JsonObject awaitReplica(String what, Predicate<JsonObject> state) throws InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        JsonObject last = readReplica();
        while (!state.test(last)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the read replica was not " + what + " within " + WITHIN + ": " + last);
            }
            Thread.sleep(250);
            last = readReplica();
        }
        return last;
    }

    private static void pause(boolean paused) throws Exception {
        try (Connection c = replica.connect(); Statement s = c.createStatement()) {
            s.execute(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");
        }
    }
}
