package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances failing under a mixed load through nginx (reads, quiz submissions, offline sync uploads): one killed with
 * kill -9, then every instance restarted in turn. What nginx may retry (idempotent methods) never fails; a submission
 * in flight on the instance that went away may fail, only with a 503 and Retry-After; a sync upload is sent again
 * until it is answered, as a device does, and every event is then held exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsClusterIT {

    /** A student with a device, a lesson's reading and quiz. */
    private record Learner(Fixtures.Member student, String deviceId, JsonObject reading, JsonObject quiz) {
        static Learner create() {
            Fixtures.Member s = Fixtures.newStudent(null);
            JsonObject lesson = Fixtures.publishedLesson(s.token());
            String device = "tab-" + UUID.randomUUID().toString().substring(0, 8);
            SyncClient.register(s, device);
            JsonArray activities = lesson.getJsonArray("activities");
            return new Learner(s, device, activities.getJsonObject(0), activities.getJsonObject(1));
        }
    }

    /** Reads, submissions and uploads in threads of their own until stopped; every answer kept by kind. */
    private static final class MixedLoad implements AutoCloseable {
        final Map<String, List<Api.Reply>> failures = new ConcurrentHashMap<>();
        final Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
        final List<Learner> uploaders = new CopyOnWriteArrayList<>();
        final Map<Learner, Integer> uploaded = new ConcurrentHashMap<>();
        final Map<Learner, Integer> quizzesUploaded = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(7);
        private final List<Future<?>> work = new ArrayList<>();

        MixedLoad() {
            Learner reader = Learner.create();
            Learner submitter = Learner.create();
            for (int i = 0; i < 2; i++) {
                uploaders.add(Learner.create());
            }
            for (int i = 0; i < 3; i++) {
                work.add(threads.submit(() -> loop(() -> {
                    record("GET", Api.get("/api/v1/users/me", reader.student().token()));
                    record("GET", Api.get("/api/v1/me/dashboard", reader.student().token()));
                })));
            }
            for (int i = 0; i < 2; i++) {
                // each a new attempt; a 503 (the instance stopped with it in flight) is the client's to send again
                work.add(threads.submit(() -> loop(() -> record("POST submission", Api.post("/api/v1/activities/"
                        + submitter.quiz().getString("id") + "/submissions", Fixtures.answers(submitter.quiz(), 3), submitter.student().token())))));
            }
            for (Learner l : uploaders) {
                work.add(threads.submit(() -> uploadUntilStopped(l)));
            }
        }

        private void loop(Runnable step) {
            while (running.get()) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    failures.computeIfAbsent("exception", k -> new CopyOnWriteArrayList<>()).add(new Api.Reply(-1, e.toString(), null));
                }
            }
        }

        private void record(String kind, Api.Reply r) {
            statuses.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(r.status());
            if (r.status() >= 400) {
                failures.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(r);
            }
        }

        /** Batches of 10 events, each sent again after a failure (as the app does) until the server answers it. */
        private void uploadUntilStopped(Learner l) {
            long seq = 0;
            int quizzes = 0;
            // a day's learning on the device, in the past however long the load runs
            OffsetDateTime t = SyncClient.now().minusHours(12);
            while (running.get()) {
                List<SyncClient.Event> events = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    seq++;
                    t = t.plusSeconds(2);
                    if (seq % 5 == 0) {
                        events.add(SyncClient.quiz(seq, t, l.quiz(), (int) (seq % 6), 60));
                        quizzes++;
                    } else {
                        events.add(SyncClient.progress(seq, t, l.reading().getString("id"), (int) (seq % 100)));
                    }
                }
                String body = SyncClient.batch(l.deviceId(), events);
                for (int attempt = 0; ; attempt++) {
                    Api.Reply r;
                    try {
                        r = Api.post("/api/v1/sync/events", body, l.student().token());
                    } catch (RuntimeException e) {
                        r = new Api.Reply(-1, e.toString(), null);
                    }
                    record("POST sync", r);
                    if (r.status() == 200) {
                        break;
                    }
                    assertThat(attempt).as("a batch answered within 60 tries").isLessThan(60);
                    Cluster.sleep(500);
                }
                uploaded.merge(l, 10, Integer::sum);
                quizzesUploaded.put(l, quizzes);
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            threads.shutdownNow();
        }

        int count(String kind) {
            return statuses.getOrDefault(kind, List.of()).size();
        }

        void assertOnlyRetryableFailures() {
            assertThat(failures.get("exception")).as("requests that got no answer at all").isNull();
            assertThat(failures.get("GET")).as("reads (nginx tries another instance)").isNull();
            for (String kind : List.of("POST submission", "POST sync")) {
                for (Api.Reply r : failures.getOrDefault(kind, List.of())) {
                    assertThat(r.status()).as(kind + ": " + r).isEqualTo(503);
                    assertThat(r.header("Retry-After")).as(kind + ": " + r).isNotNull();
                    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                }
            }
        }

        void assertEveryEventHeldOnce() throws SQLException {
            try (Connection c = Fixtures.database()) {
                for (Learner l : uploaders) {
                    assertThat(count(c, "SELECT count(*) FROM sync_events WHERE user_id = ?", l.student().id()))
                            .as("events held").isEqualTo((long) uploaded.getOrDefault(l, 0));
                    assertThat(count(c, "SELECT count(*) FROM submissions WHERE student_id = ?", l.student().id()))
                            .as("quiz submissions applied").isEqualTo((long) quizzesUploaded.getOrDefault(l, 0));
                    // XP equals its ledger: nothing awarded twice
                    assertThat(count(c, "SELECT xp_points FROM profiles WHERE user_id = ?", l.student().id()))
                            .isEqualTo(count(c, "SELECT coalesce(sum(points), 0) FROM xp_events WHERE student_id = ?", l.student().id()));
                }
            }
        }

        private static long count(Connection c, String sql, String id) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, UUID.fromString(id));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    @AfterEach
    void everyInstanceRunsAgain() {
        for (int i = 0; i < Cluster.URLS.size(); i++) {
            if (!Cluster.ready(i)) {
                Cluster.start(i);
            }
        }
    }

    @Test
    @Order(1)
    void anInstanceKilledUnderLoadCostsNoRetryableRequestAndNoEvent() throws Exception {
        try (MixedLoad load = new MixedLoad()) {
            Cluster.sleep(4000);
            Cluster.kill(0);
            Cluster.sleep(8000);
            // the survivor alone serves everything
            int before = load.count("GET") + load.count("POST submission") + load.count("POST sync");
            Cluster.sleep(4000);
            assertThat(load.count("GET") + load.count("POST submission") + load.count("POST sync")).isGreaterThan(before + 20);

            // the killed instance comes back, rejoins the Data Grid, and nginx sends it requests again
            Cluster.start(0);
            long served = requestsServedBy(0);
            Cluster.sleep(12000);
            assertThat(requestsServedBy(0)).as("requests reaching the restarted instance through nginx").isGreaterThan(served + 10);
            load.close();
            load.assertOnlyRetryableFailures();
            load.assertEveryEventHeldOnce();
            assertThat(load.count("GET")).isGreaterThan(50);
        }
        assertThat(dataGridMembers(0)).as("the restarted instance is in the Data Grid again").isGreaterThanOrEqualTo(Cluster.URLS.size());
    }

    @Test
    @Order(2)
    void aRollingRestartUnderLoadCostsOnlyRetryableSubmissions() throws Exception {
        try (MixedLoad load = new MixedLoad()) {
            Cluster.sleep(3000);
            for (int i = 0; i < Cluster.URLS.size(); i++) {
                Cluster.stop(i);
                Cluster.start(i);
                Cluster.sleep(3000);
            }
            load.close();
            load.assertOnlyRetryableFailures();
            load.assertEveryEventHeldOnce();
        }
    }

    /** Requests the instance has answered since it started (its own metrics, read past nginx). */
    private static long requestsServedBy(int instance) {
        Api.Reply metrics = Api.send(Cluster.at(instance, "/metrics?scope=application", null).GET().build());
        long total = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("http_requests_total{")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static int dataGridMembers(int instance) {
        JsonObject grid = Cluster.get(instance, "/api/v1/health", null).json().getJsonObject("services").getJsonObject("dataGrid");
        return grid.getInt("members");
    }
}
