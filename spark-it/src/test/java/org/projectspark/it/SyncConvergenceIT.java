package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 devices (50 students with 20 devices each) deliver their offline events the way flaky links do: batches
 * split, sent twice, reordered, all at once from 16 connections. The same events (under their own ids) go to a
 * twin of each student once, in order, one at a time. The events span four offline days. Every student ends in the
 * same state as their twin: progress, submissions, XP ledger (streak bonuses included), badges, streak.
 */
@ExtendWith(ArquillianExtension.class)
class SyncConvergenceIT extends DeployedEar {

    private static final int STUDENTS = 50;
    private static final int DEVICES = 20;
    private static final int EVENTS_PER_DEVICE = 5;

    static final String COURSE = """
            {"subject":"math","defaultLocale":"en","title":{"en":"Sync course"},"description":{"en":"Two lessons"},
             "units":[{"title":{"en":"Unit"},"lessons":[%s,%s]}]}""";
    static final String LESSON = """
            {"title":{"en":"Lesson"},"summary":{"en":"s"},"activities":[
              {"type":"READING","title":{"en":"Read"},"body":{"en":"Text"}},
              {"type":"QUIZ","title":{"en":"Quiz"},"questions":[
                {"type":"SINGLE_CHOICE","prompt":{"en":"Half of 10?"},"options":[{"id":"a","text":{"en":"5"}},{"id":"b","text":{"en":"2"}}],
                 "answerKey":{"correctOptions":["a"]}},
                {"type":"TRUE_FALSE","prompt":{"en":"Two halves make a whole"},"answerKey":{"correctBoolean":true}}]}]}""";

    private record Activity(String lessonId, String readingId, String quizId, List<String> questionIds) {
    }

    private record Device(String id, List<SyncClient.Event> events) {
    }

    @Test
    void duplicatedAndReorderedBatchesFromAThousandDevicesEndWhereOrderlyDeliveryDoes() throws Exception {
        String author = Api.newTeacher().getString("accessToken");
        String courseId = Api.post("/api/v1/courses", COURSE.formatted(LESSON, LESSON), author).json().getString("id");
        Fixtures.require(Api.post("/api/v1/courses/" + courseId + "/publish", "", author), 200);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        // sign-ups hash passwords (Argon2, a few at a time on the server, each waiting at most 5 s for its turn): as many
        // at once as the server hashes, so a busy test machine slows them down instead of having them refused 503
        ExecutorService signUps = Executors.newFixedThreadPool(2);
        List<Future<Fixtures.Member[]>> made = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            made.add(signUps.submit(() -> new Fixtures.Member[]{Fixtures.newStudent(null), Fixtures.newStudent(null)}));
        }
        List<Fixtures.Member> chaotic = new ArrayList<>();
        List<Fixtures.Member> orderly = new ArrayList<>();
        for (Future<Fixtures.Member[]> f : made) {
            chaotic.add(f.get()[0]);
            orderly.add(f.get()[1]);
        }
        signUps.shutdown();
        JsonArray lessons = Api.get("/api/v1/courses/" + courseId, chaotic.get(0).token()).json()
                .getJsonArray("units").getJsonObject(0).getJsonArray("lessons");
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            JsonObject lesson = lessons.getJsonObject(i);
            JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);
            activities.add(new Activity(lesson.getString("id"), lesson.getJsonArray("activities").getJsonObject(0).getString("id"),
                    quiz.getString("id"), quiz.getJsonArray("questions").stream().map(q -> q.asJsonObject().getString("id")).toList()));
        }

        // every device registered (at sign-in) five days ago and was offline since: its events are spread over the
        // last four days, so late days meet the streak out of order on the chaotic side
        List<Future<?>> registered = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            for (int d = 0; d < DEVICES; d++) {
                String device = "dev-" + d;
                Fixtures.Member a = chaotic.get(s);
                Fixtures.Member b = orderly.get(s);
                registered.add(pool.submit(() -> {
                    SyncClient.register(a, device);
                    SyncClient.register(b, device);
                }));
            }
        }
        for (Future<?> f : registered) {
            f.get();
        }
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_devices SET registered_at = now() - interval '5 days' WHERE user_id = ?")) {
            for (int s = 0; s < STUDENTS; s++) {
                for (Fixtures.Member m : List.of(chaotic.get(s), orderly.get(s))) {
                    ps.setObject(1, UUID.fromString(m.id()));
                    ps.executeUpdate();
                }
            }
        }
        OffsetDateTime base = SyncClient.now().minusDays(4);
        Random random = new Random(20261125);
        List<List<Device>> devices = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            List<Device> mine = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                List<Long> offsets = new ArrayList<>();
                for (int e = 0; e < EVENTS_PER_DEVICE; e++) {
                    offsets.add((long) random.nextInt(4 * 24 * 60 - 10) * 60_000L);
                }
                Collections.sort(offsets);
                List<SyncClient.Event> events = new ArrayList<>();
                for (int e = 0; e < EVENTS_PER_DEVICE; e++) {
                    events.add(event(e + 1, base.plusNanos(offsets.get(e) * 1_000_000), activities.get(random.nextInt(activities.size())), random));
                }
                mine.add(new Device("dev-" + d, events));
            }
            devices.add(mine);
        }

        // the chaotic side: each device's events in two batches, some sent twice, some shuffled, all in random order at once
        List<Runnable> sends = new ArrayList<>();
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        int eventsSent = 0;
        for (int s = 0; s < STUDENTS; s++) {
            Fixtures.Member student = chaotic.get(s);
            for (Device device : devices.get(s)) {
                int cut = 1 + random.nextInt(EVENTS_PER_DEVICE - 1);
                for (List<SyncClient.Event> part : List.of(device.events().subList(0, cut), device.events().subList(cut, EVENTS_PER_DEVICE))) {
                    List<SyncClient.Event> batch = new ArrayList<>(part);
                    if (random.nextInt(3) == 0) {
                        Collections.shuffle(batch, random);
                    }
                    int copies = random.nextInt(3) == 0 ? 2 : 1;
                    eventsSent += batch.size() * copies;
                    for (int c = 0; c < copies; c++) {
                        sends.add(() -> {
                            JsonObject receipt = SyncClient.uploaded(student, device.id(), batch);
                            applied.addAndGet(receipt.getInt("applied"));
                            duplicates.addAndGet(receipt.getInt("duplicate"));
                            assertThat(receipt.getInt("rejected")).as(receipt.toString()).isZero();
                        });
                    }
                }
            }
        }
        Collections.shuffle(sends, random);
        List<Future<?>> sent = new ArrayList<>();
        sends.forEach(r -> sent.add(pool.submit(r)));
        for (Future<?> f : sent) {
            f.get();
        }
        int unique = STUDENTS * DEVICES * EVENTS_PER_DEVICE;
        assertThat(applied.get()).as("every unique event applied once").isEqualTo(unique);
        assertThat(eventsSent).as("some batches were sent twice").isGreaterThan(unique);
        assertThat(duplicates.get()).as("every copy answered as a duplicate").isEqualTo(eventsSent - unique);

        // the orderly side: the same events under new ids, once each, in order, one request at a time per student
        List<Future<?>> orderlySent = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            Fixtures.Member twin = orderly.get(s);
            List<Device> mine = devices.get(s);
            orderlySent.add(pool.submit(() -> {
                List<Object[]> all = new ArrayList<>();
                mine.forEach(d -> d.events().forEach(e -> all.add(new Object[]{d.id(), e})));
                all.sort((x, y) -> ((SyncClient.Event) x[1]).deviceTime().compareTo(((SyncClient.Event) y[1]).deviceTime()));
                for (Object[] de : all) {
                    SyncClient.Event e = (SyncClient.Event) de[1];
                    JsonObject receipt = SyncClient.uploaded(twin, (String) de[0], List.of(e.withId(UUID.randomUUID())));
                    assertThat(receipt.getInt("applied")).isEqualTo(1);
                }
            }));
        }
        for (Future<?> f : orderlySent) {
            f.get();
        }
        pool.shutdown();

        try (Connection c = Fixtures.database()) {
            for (int s = 0; s < STUDENTS; s++) {
                String a = chaotic.get(s).id();
                String b = orderly.get(s).id();
                for (String sql : STATE) {
                    assertThat(rows(c, sql, a)).as("student " + s + ": " + sql).isEqualTo(rows(c, sql, b));
                }
                assertThat(SyncIT.count(c, "SELECT count(*) FROM sync_events WHERE user_id = ?", a)).isEqualTo(DEVICES * EVENTS_PER_DEVICE);
                SyncIT.assertLedgerMatches(c, a);
                SyncIT.assertLedgerMatches(c, b);
            }
            assertThat(rows(c, "SELECT count(*) FROM xp_events WHERE student_id = ?", chaotic.get(0).id()).get(0).get(0))
                    .as("the comparison compares something").isNotEqualTo("0");
            assertThat(rows(c, "SELECT count(*) FROM xp_events x JOIN users u ON u.id = x.student_id WHERE x.reason = 'STREAK_DAY'"
                    + " AND x.student_id = ?", chaotic.get(0).id()).get(0).get(0)).as("streak bonuses were earned").isNotEqualTo("0");
        }
    }

    private static SyncClient.Event event(long seq, OffsetDateTime at, Activity a, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> SyncClient.lessonOpened(seq, at, a.lessonId());
            case 1 -> SyncClient.progress(seq, at, a.readingId(), random.nextInt(3) == 0 ? 100 : random.nextInt(100));
            default -> {
                boolean first = random.nextBoolean();
                boolean second = random.nextBoolean();
                String answers = "[{\"questionId\":\"" + a.questionIds().get(0) + "\",\"options\":[\"" + (first ? "a" : "b") + "\"]},"
                        + "{\"questionId\":\"" + a.questionIds().get(1) + "\",\"value\":" + second + "}]";
                yield new SyncClient.Event(UUID.randomUUID(), seq, "QUIZ_SUBMITTED", at, "{\"activityId\":\"" + a.quizId()
                        + "\",\"startedAt\":\"" + at.minusSeconds(30) + "\",\"answers\":" + answers + "}");
            }
        };
    }

    /** What must be equal between the twins: everything learning changed, in an order that does not depend on arrival. */
    private static final List<String> STATE = List.of(
            "SELECT activity_id, status, percent, best_score, attempts, last_accessed, completed_at, credited_at FROM student_progress WHERE student_id = ? ORDER BY activity_id",
            "SELECT activity_id, score, correct_count, question_count, submitted_at FROM submissions WHERE student_id = ? ORDER BY submitted_at, activity_id, score",
            "SELECT reason, source_id, points FROM xp_events WHERE student_id = ? ORDER BY reason, source_id, points",
            "SELECT xp_points, level FROM profiles WHERE user_id = ?",
            "SELECT badge, scope_id FROM student_badges WHERE student_id = ? ORDER BY badge, scope_id",
            "SELECT current_days, longest_days, last_active_on, grace_used_on FROM streaks WHERE student_id = ?",
            "SELECT day FROM learning_days WHERE student_id = ? ORDER BY day");

    private static List<List<String>> rows(Connection c, String sql, String studentId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(studentId));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof OffsetDateTime t ? t.toInstant().toString() : String.valueOf(v));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
