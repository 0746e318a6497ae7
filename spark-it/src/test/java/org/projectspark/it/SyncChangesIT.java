package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Download on the real server: a first sync pages through the whole state, deltas bring exactly what changed for the
 * student (their learning, classes, assignments, notifications), a change committed late is not skipped, and course
 * content is fetched once per version.
 */
@ExtendWith(ArquillianExtension.class)
class SyncChangesIT extends DeployedEar {

    private static Fixtures.ClassWithCourse classWithCourse() {
        Fixtures.ClassWithCourse s = Fixtures.classWithCourse();
        SyncClient.register(s.student(), "tab-1");
        return s;
    }

    /** All pages from {@code since} to the end of the round: the pages, the last one's cursor. */
    private record Round(List<JsonObject> pages, String cursor) {
        List<JsonObject> all(String kind) {
            List<JsonObject> items = new ArrayList<>();
            pages.forEach(p -> p.getJsonObject("changes").getJsonArray(kind).forEach(v -> items.add(v.asJsonObject())));
            return items;
        }

        List<String> strings(String kind) {
            List<String> items = new ArrayList<>();
            pages.forEach(p -> p.getJsonObject("changes").getJsonArray(kind).forEach(v -> items.add(((jakarta.json.JsonString) v).getString())));
            return items;
        }
    }

    private static Round round(Fixtures.Member student, String since, int limit) {
        List<JsonObject> pages = new ArrayList<>();
        String cursor = since;
        for (int i = 0; i < 100; i++) {
            Api.Reply r = Api.get("/api/v1/sync/changes?limit=" + limit + (cursor == null ? "" : "&since=" + cursor), student.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            pages.add(r.json());
            cursor = r.json().getString("cursor");
            if (!r.json().getBoolean("hasMore")) {
                return new Round(pages, cursor);
            }
        }
        throw new AssertionError("the round never ended");
    }

    @Test
    void aFirstSyncBringsTheWholeStateAndDeltasBringWhatChanged() throws Exception {
        Fixtures.ClassWithCourse s = classWithCourse();
        JsonArray activities = s.lesson().getJsonArray("activities");
        SyncClient.uploaded(s.student(), "tab-1", List.of(SyncClient.progress(1, SyncClient.now().minusMinutes(3),
                activities.getJsonObject(0).getString("id"), 100), SyncClient.quiz(2, SyncClient.now().minusMinutes(2), activities.getJsonObject(1), 5, 60)));

        Round first = round(s.student(), null, 10);
        assertThat(first.pages().get(0).getString("mode")).isEqualTo("FULL");
        assertThat(first.pages().get(0).getJsonObject("changes").getJsonObject("profile").getJsonNumber("xp").longValue()).isPositive();
        assertThat(first.all("classes")).singleElement().satisfies(c -> {
            assertThat(c.getString("id")).isEqualTo(s.classId());
            assertThat(c.getJsonArray("assignments").getJsonObject(0).getString("courseId")).isEqualTo(s.courseId());
        });
        assertThat(first.all("courses")).singleElement().satisfies(c -> assertThat(c.getString("id")).isEqualTo(s.courseId()));
        assertThat(first.all("progress")).hasSize(2);
        assertThat(first.all("submissions")).hasSize(1);
        assertThat(first.all("badges")).isNotEmpty();
        JsonObject last = first.pages().get(first.pages().size() - 1);
        assertThat(last.getJsonArray("leaderboards").getJsonObject(0).getString("classId")).isEqualTo(s.classId());

        Round nothing = round(s.student(), first.cursor(), 10);
        assertThat(nothing.pages().get(0).getString("mode")).isEqualTo("DELTA");
        assertThat(nothing.all("progress")).as("changes during the first sync may come again, never fewer").hasSizeLessThanOrEqualTo(2);
        Round quiet = round(s.student(), nothing.cursor(), 10);
        assertThat(quiet.all("progress")).isEmpty();
        assertThat(quiet.all("classes")).isEmpty();

        // learning on another device, a new course for the class, a notification read offline
        String second = Fixtures.publishedCourse();
        Fixtures.assignCourse(s.classId(), second, s.teacher());
        UUID notification = UUID.randomUUID();
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_notifications (id, user_id, kind, title) VALUES (?, ?, 'BADGE', 'Well done')")) {
            ps.setObject(1, notification);
            ps.setObject(2, UUID.fromString(s.student().id()));
            ps.executeUpdate();
        }
        SyncClient.register(s.student(), "phone-2");
        SyncClient.uploaded(s.student(), "phone-2", List.of(SyncClient.quiz(1, SyncClient.now().minusMinutes(1), activities.getJsonObject(1), 2, 60),
                new SyncClient.Event(UUID.randomUUID(), 2, "NOTIFICATION_READ", SyncClient.now(), "{\"notificationId\":\"" + notification + "\"}")));
        Round delta = round(s.student(), quiet.cursor(), 10);
        assertThat(delta.all("submissions")).singleElement().satisfies(sub -> assertThat(sub.getInt("attempt")).isEqualTo(2));
        assertThat(delta.all("progress")).extracting(p -> p.getString("activityId")).containsExactly(activities.getJsonObject(1).getString("id"));
        assertThat(delta.all("classes")).singleElement().satisfies(c -> assertThat(c.getJsonArray("assignments")).hasSize(2));
        assertThat(delta.all("courses")).extracting(c -> c.getString("id")).contains(second);
        assertThat(delta.all("notifications")).hasSize(2).anySatisfy(n -> {
            assertThat(n.getString("id")).isEqualTo(notification.toString());
            assertThat(n.getBoolean("read")).isTrue();
        }).anySatisfy(n -> {
            assertThat(n.getString("kind")).as("the new course, told while the device was away").isEqualTo("COURSE_ASSIGNED");
            assertThat(n.getJsonObject("data").getString("courseId")).isEqualTo(second);
            assertThat(n.getBoolean("read")).isFalse();
        });

        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement("DELETE FROM user_notifications WHERE id = ?")) {
            ps.setObject(1, notification);
            ps.executeUpdate();
        }
        Api.delete("/api/v1/classes/" + s.classId() + "/students/" + s.student().id(), s.teacher().token());
        Round left = round(s.student(), delta.cursor(), 10);
        assertThat(left.strings("removedClasses")).containsExactly(s.classId());
        assertThat(left.strings("removedNotifications")).containsExactly(notification.toString());

        Api.Reply bad = Api.get("/api/v1/sync/changes?since=not-a-cursor", s.student().token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.get("/api/v1/sync/changes?limit=5000", s.student().token()).status()).isEqualTo(400);
        assertThat(Api.get("/api/v1/sync/changes", null).status()).isEqualTo(401);
    }

    @Test
    void deltasArePagedAndAChangeCommittedLateIsNotSkipped() throws Exception {
        Fixtures.ClassWithCourse s = classWithCourse();
        String reading = s.lesson().getJsonArray("activities").getJsonObject(0).getString("id");
        Round start = round(s.student(), null, 50);

        // a slow transaction writes first and commits last: a cursor by sequence alone would skip it
        try (Connection slow = Fixtures.database()) {
            slow.setAutoCommit(false);
            try (PreparedStatement ps = slow.prepareStatement("INSERT INTO student_progress (id, student_id, activity_id, status, percent, attempts, last_accessed)"
                    + " VALUES (?, ?, ?, 'IN_PROGRESS', 77, 0, now())")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, UUID.fromString(s.student().id()));
                ps.setObject(3, UUID.fromString(s.lesson().getJsonArray("activities").getJsonObject(1).getString("id")));
                ps.executeUpdate();
            }
            SyncClient.uploaded(s.student(), "tab-1", List.of(SyncClient.progress(1, SyncClient.now().minusSeconds(100), reading, 30)));
            try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO user_notifications (id, user_id, kind, title) VALUES (gen_random_uuid(), ?, 'CLASS', 'News')")) {
                ps.setObject(1, UUID.fromString(s.student().id()));
                for (int i = 0; i < 25; i++) {
                    ps.executeUpdate();
                }
            }
            Round during = round(s.student(), start.cursor(), 10);
            assertThat(during.pages().size()).as("25 notifications and a progress, 10 a page").isGreaterThanOrEqualTo(3);
            assertThat(during.all("notifications")).hasSize(25);
            assertThat(during.all("progress")).extracting(p -> p.getString("activityId")).containsOnly(reading);
            slow.commit();

            Round after = round(s.student(), during.cursor(), 10);
            assertThat(after.all("progress")).extracting(p -> p.getString("activityId") + "=" + p.getInt("percent"))
                    .contains(s.lesson().getJsonArray("activities").getJsonObject(1).getString("id") + "=77");
        }
    }

    @Test
    void courseContentIsFetchedOncePerVersionAndLanguage() {
        Fixtures.ClassWithCourse s = classWithCourse();
        Api.Reply en = Api.get("/api/v1/courses/" + s.courseId() + "?locale=en", s.student().token());
        String tag = en.header("ETag");
        assertThat(tag).isNotBlank();
        Api.Reply again = Api.send(Api.request("/api/v1/courses/" + s.courseId() + "?locale=en", s.student().token())
                .header("If-None-Match", tag).GET().build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        Api.Reply sw = Api.send(Api.request("/api/v1/courses/" + s.courseId() + "?locale=sw", s.student().token())
                .header("If-None-Match", tag).GET().build());
        assertThat(sw.status()).as("another language is other content").isEqualTo(200);
        assertThat(sw.header("ETag")).isNotEqualTo(tag);
        Set<String> seen = new HashSet<>();
        for (JsonValue v : round(s.student(), null, 100).all("courses").stream().map(JsonValue.class::cast).toList()) {
            seen.add(v.asJsonObject().getString("href"));
        }
        assertThat(seen).containsExactly("/api/v1/courses/" + s.courseId());
    }
}
