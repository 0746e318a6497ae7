package org.projectspark.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold across the instances of a deployment group (./spark cluster test: two instances behind nginx). Each
 * test acts on one instance directly and looks at the other, so nothing here passes by landing twice on one instance.
 * The bound on anything an instance keeps for itself is 2 s (docs/architecture.md, "Caching and fast paths"); with the
 * Data Grid the copies are dropped within milliseconds, so a test allows the bound and a little more, no longer.
 */
class CrossInstanceClusterIT {

    private static final Duration BOUND = Duration.ofMillis(2500);

    private static Fixtures.Member studentSignedInOn(int instance) {
        JsonObject registered = Api.newStudent();
        String username = registered.getJsonObject("user").getString("username");
        Api.Reply login = Cluster.post(instance, "/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"a good password\"}", null);
        Fixtures.require(login, 200);
        return Fixtures.Member.of(login.json());
    }

    /** How long until the condition holds, polling every 50 ms; fails past twice the bound. */
    private static Duration until(Supplier<Boolean> condition) {
        long started = System.nanoTime();
        while (!condition.get()) {
            if (System.nanoTime() - started > BOUND.multipliedBy(2).toNanos()) {
                throw new AssertionError("still not so after " + BOUND.multipliedBy(2));
            }
            Cluster.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void theClusterRunsTwoReadyInstancesBehindNginx() {
        assertThat(Cluster.URLS).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < Cluster.URLS.size(); i++) {
            assertThat(Cluster.ready(i)).as(Cluster.NAMES.get(i)).isTrue();
        }
        Api.Reply health = Api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        // the detailed document: every member of the Data Grid (the domain's server and the instances) is seen
        JsonObject grid = Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("dataGrid");
        assertThat(grid.toString()).contains("members");
        assertThat(grid.getInt("members")).as(grid.toString()).isGreaterThanOrEqualTo(Cluster.URLS.size());
    }

    @Test
    void aTokenIssuedByOneInstanceIsAcceptedByTheOther() {
        Fixtures.Member student = studentSignedInOn(0);
        Api.Reply me = Cluster.get(1, "/api/v1/users/me", student.token());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("id")).isEqualTo(student.id());

        Fixtures.Member other = studentSignedInOn(1);
        assertThat(Cluster.get(0, "/api/v1/users/me", other.token()).status()).isEqualTo(200);
    }

    @Test
    void aSignOutOnOneInstanceIsHonouredByTheOtherWithinTheBound() {
        Fixtures.Member student = studentSignedInOn(0);
        // the other instance has just checked the session, and keeps the answer for itself
        assertThat(Cluster.get(1, "/api/v1/users/me", student.token()).status()).isEqualTo(200);
        assertThat(Cluster.get(1, "/api/v1/users/me", student.token()).status()).isEqualTo(200);

        Fixtures.require(Cluster.post(0, "/api/v1/auth/logout", "", student.token()), 204);
        Duration took = until(() -> Cluster.get(1, "/api/v1/users/me", student.token()).status() == 401);
        assertThat(took).isLessThanOrEqualTo(BOUND);
        assertThat(Api.get("/api/v1/users/me", student.token()).status()).as("through nginx, either instance").isEqualTo(401);
    }

    @Test
    void aRoleTakenAwayOnOneInstanceIsNoLongerHonouredOnTheOther() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        Api.Reply login = Cluster.post(1, "/api/v1/auth/login", "{\"username\":\"" + teacher.username() + "\",\"password\":\"a good password\"}", null);
        Fixtures.require(login, 200);
        String token = login.json().getString("accessToken");
        String classes = "/api/v1/classes/" + Fixtures.newClass(school, teacher) + "/dashboard";
        assertThat(Cluster.get(1, classes, token).status()).as("the teacher reads the class's dashboard").isEqualTo(200);

        Fixtures.require(Cluster.delete(0, "/api/v1/admin/users/" + teacher.id() + "/roles/TEACHER", Api.adminToken()), 200);
        Duration took = until(() -> Cluster.get(1, classes, token).status() == 401);
        assertThat(took).isLessThanOrEqualTo(BOUND);
    }

    @Test
    void aChangedProfileIsSeenOnTheOtherInstanceWithinTheBound() {
        Fixtures.Member student = studentSignedInOn(0);
        assertThat(Cluster.get(1, "/api/v1/users/me", student.token()).json().getString("displayName")).startsWith("Student ");

        Fixtures.require(Api.send(Cluster.at(0, "/api/v1/users/me", student.token()).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Renamed in class\"}")).build()), 200);
        Duration took = until(() -> "Renamed in class".equals(Cluster.get(1, "/api/v1/users/me", student.token()).json().getString("displayName")));
        assertThat(took).isLessThanOrEqualTo(BOUND);
    }

    /**
     * AUTH_RATE_LIMIT_MAX=5 per account and address gives three wrong passwords at once: spread over both instances they
     * are still three (the buckets are in Redis), where two instances counting apart would allow six.
     */
    @Test
    void wrongPasswordsSpreadOverInstancesAreLimitedAsOne() {
        String username = Api.newStudent().getJsonObject("user").getString("username");
        String attacker = Api.freshAddress();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(Cluster.postFrom(i % 2, attacker, "/api/v1/auth/login",
                    "{\"username\":\"" + username + "\",\"password\":\"guess " + i + "\"}").status());
        }
        assertThat(answers).containsExactly(401, 401, 401, 429, 429, 429);
    }

    @Test
    void aNotificationRaisedOnOneInstanceReachesASocketOnTheOther() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.Member student = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, student);
        try (SocketClient onSecond = SocketClient.withToken(Cluster.URLS.get(1), student.token());
             SocketClient throughNginx = SocketClient.withToken(Api.BASE, student.token())) {
            onSecond.next("ready", Duration.ofSeconds(10));
            throughNginx.next("ready", Duration.ofSeconds(10));
            Fixtures.require(Cluster.post(0, "/api/v1/classes/" + classId + "/messages", "{\"text\":\"Bring your books\"}", teacher.token()), 200);
            assertThat(onSecond.next("notification", Duration.ofSeconds(5)).getJsonObject("notification").getString("body"))
                    .contains("Bring your books");
            assertThat(throughNginx.next("notification", Duration.ofSeconds(5)).getJsonObject("notification").getString("body"))
                    .contains("Bring your books");
        }
    }

    private static final String MAINTENANCE = "/api/v1/admin/maintenance";
    private static final List<String> DAILY_JOBS = List.of("analyze", "purge-read-notifications", "purge-sync-logs", "refresh-class-summary");

    /** Every instance holds a timer per cadence, so the jobs go on whichever instance stops. */
    @Test
    void everyInstanceHoldsTheMaintenanceTimers() {
        for (int i = 0; i < Cluster.URLS.size(); i++) {
            Api.Reply listing = Cluster.get(i, MAINTENANCE, Api.adminToken());
            assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
            for (var job : listing.json().getJsonArray("jobs")) {
                assertThat(job.asJsonObject().containsKey("nextRunAt")).as(Cluster.NAMES.get(i) + " " + job).isTrue();
                assertThat(Instant.parse(job.asJsonObject().getString("nextRunAt"))).isAfter(Instant.now());
            }
        }
    }

    /** Both instances' timers fire for the same slot (here: at once, as their timers do): each job runs on one of them. */
    @Test
    void aSlotFiredOnEveryInstanceRunsEachJobOnce() {
        String slot = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<CompletableFuture<Api.Reply>> fired = new ArrayList<>();
        for (int i = 0; i < Cluster.URLS.size(); i++) {
            int instance = i;
            fired.add(CompletableFuture.supplyAsync(() -> Cluster.post(instance, MAINTENANCE + "/schedules/daily/run?slot=" + slot, "", Api.adminToken())));
        }
        Map<String, Integer> claims = new HashMap<>();
        List<String> ranOn = new ArrayList<>();
        for (CompletableFuture<Api.Reply> f : fired) {
            Api.Reply r = f.join();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            for (var v : r.json().getJsonArray("jobs")) {
                JsonObject job = v.asJsonObject();
                if (job.getBoolean("claimed")) {
                    claims.merge(job.getString("name"), 1, Integer::sum);
                    assertThat(job.getJsonObject("run").getString("lastSlot")).isEqualTo(slot);
                    ranOn.add(job.getJsonObject("run").getString("lastInstance"));
                }
            }
        }
        for (String job : DAILY_JOBS) {
            assertThat(claims.get(job)).as(job + " ran once in the cluster").isEqualTo(1);
        }
        assertThat(ranOn).allSatisfy(instance -> assertThat(Cluster.NAMES.stream().anyMatch(instance::endsWith)).as(instance).isTrue());
    }
}
