package org.projectspark.sync.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import org.projectspark.sync.domain.EventOutcomeConverter;
import org.projectspark.sync.service.ChangesPage;
import org.projectspark.sync.service.EventResult;
import org.projectspark.sync.service.SyncStatus;
import org.projectspark.sync.service.SyncUpload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * The JSON the sync endpoints answer, written directly: a 5,000-event receipt or a page of changes with a generator
 * as it goes out, without a bean copy or a tree of it; the small answers as objects.
 */
final class SyncViews {

    private SyncViews() {
    }

    /** A body written as it is made: a 5,000-event receipt or a page of changes goes out without a tree of it first. */
    static StreamingOutput streamed(Consumer<JsonGenerator> body) {
        return out -> {
            try (JsonGenerator g = Json.createGenerator(out)) {
                body.accept(g);
            }
        };
    }

    static void receipt(JsonGenerator g, SyncUpload.Receipt r) {
        g.writeStartObject();
        receiptFields(g, r, true);
        g.writeEnd();
    }

    /** The receipt's fields in an object already open ({@code withDevice} false when it names the device already). */
    static void receiptFields(JsonGenerator g, SyncUpload.Receipt r, boolean withDevice) {
        g.write("receiptId", r.receiptId().toString());
        if (withDevice) {
            g.write("deviceId", r.deviceId());
        }
        g.write("received", r.received()).write("applied", r.applied()).write("duplicate", r.duplicate())
                .write("rejected", r.rejected()).write("waiting", r.waiting()).write("heldThroughSequence", r.heldThrough());
        g.writeStartArray("results");
        r.results().forEach(e -> result(g, e, true));
        g.writeEnd();
    }

    static void result(JsonGenerator g, EventResult e, boolean withIndex) {
        g.writeStartObject();
        if (withIndex) {
            g.write("index", e.index());
        }
        if (e.eventId() != null) {
            g.write("eventId", e.eventId().toString());
        }
        g.write("status", e.status().name());
        if (e.original() != null) {
            g.write("original", e.original());
        }
        if (e.reason() != null) {
            g.write("reason", e.reason());
        }
        if (!e.flags().isEmpty()) {
            g.writeStartArray("flags");
            e.flags().forEach(g::write);
            g.writeEnd();
        }
        if (e.result() != null) {
            g.writeKey("result");
            EventOutcomeConverter.write(g, e.result()); // as the device was first answered it
        }
        g.writeEnd();
    }

    // --- a page of changes (GET /sync/changes, and each page of a class bundle) ---

    static void page(JsonGenerator g, ChangesPage p) {
        g.writeStartObject().write("mode", p.mode().name()).write("cursor", p.cursor()).write("hasMore", p.hasMore());
        g.writeKey("changes");
        changes(g, p.changes());
        if (p.leaderboards() != null) {
            g.writeStartArray("leaderboards");
            for (ChangesPage.ClassBoard b : p.leaderboards()) {
                g.writeStartObject().write("classId", b.classId()).write("period", "week").write("week", b.week()).write("total", b.total());
                boardLines(g, "top", b.top());
                boardLines(g, "aroundMe", b.aroundMe());
                g.writeEnd();
            }
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void changes(JsonGenerator g, ChangesPage.Changes c) {
        g.writeStartObject();
        if (c.profile() != null) {
            ChangesPage.ProfileState p = c.profile();
            g.writeStartObject("profile").write("displayName", p.displayName()).write("locale", p.locale()).write("timeZone", p.timeZone())
                    .write("xp", p.xp()).write("level", p.level()).write("streakDays", p.streakDays())
                    .write("longestStreakDays", p.longestStreakDays());
            optional(g, "lastActiveOn", p.lastActiveOn());
            g.writeEnd();
        }
        g.writeStartArray("classes");
        for (ChangesPage.ClassState k : c.classes()) {
            g.writeStartObject().write("id", k.id()).write("name", k.name()).write("schoolId", k.schoolId());
            g.writeStartArray("assignments");
            for (ChangesPage.Assignment a : k.assignments()) {
                g.writeStartObject().write("courseId", a.courseId()).write("assignedAt", time(a.assignedAt()));
                optional(g, "dueAt", a.dueAt());
                g.writeEnd();
            }
            g.writeEnd();
            optional(g, "grade", k.grade());
            optional(g, "subject", k.subject());
            g.writeEnd();
        }
        g.writeEnd();
        strings(g, "removedClasses", c.removedClasses());
        g.writeStartArray("courses");
        for (ChangesPage.CourseRef k : c.courses()) {
            g.writeStartObject().write("id", k.id()).write("contentVersion", k.contentVersion()).write("subject", k.subject())
                    .write("defaultLocale", k.defaultLocale()).write("href", "/api/v1/courses/" + k.id()).writeEnd();
        }
        g.writeEnd();
        strings(g, "removedCourses", c.removedCourses());
        g.writeStartArray("progress");
        for (ChangesPage.ProgressState p : c.progress()) {
            g.writeStartObject().write("activityId", p.activityId()).write("status", p.status()).write("percent", p.percent())
                    .write("attempts", p.attempts()).write("lastAccessed", time(p.lastAccessed()));
            if (p.bestScore() != null) {
                g.write("bestScore", p.bestScore());
            }
            optional(g, "completedAt", p.completedAt());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("submissions");
        for (ChangesPage.SubmissionState s : c.submissions()) {
            g.writeStartObject().write("id", s.id()).write("clientSubmissionId", s.clientSubmissionId()).write("activityId", s.activityId())
                    .write("attempt", s.attempt()).write("score", s.score()).write("correct", s.correct()).write("total", s.total())
                    .write("xpAwarded", s.xpAwarded()).write("submittedAt", time(s.submittedAt())).writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("badges");
        for (ChangesPage.BadgeState b : c.badges()) {
            g.writeStartObject().write("badge", b.badge()).write("scopeId", b.scopeId()).write("earnedAt", time(b.earnedAt()));
            optional(g, "seenAt", b.seenAt());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("notifications");
        for (ChangesPage.NotificationState n : c.notifications()) {
            g.writeStartObject().write("id", n.id()).write("kind", n.kind()).write("title", n.title()).write("body", n.body());
            g.writeStartObject("data");
            n.data().forEach(g::write);
            g.writeEnd().write("read", n.read()).write("createdAt", time(n.createdAt()));
            optional(g, "readAt", n.readAt());
            g.writeEnd();
        }
        g.writeEnd();
        strings(g, "removedNotifications", c.removedNotifications());
        g.writeEnd();
    }

    private static void boardLines(JsonGenerator g, String name, List<ChangesPage.BoardLine> lines) {
        g.writeStartArray(name);
        for (ChangesPage.BoardLine l : lines) {
            g.writeStartObject().write("rank", l.rank()).write("studentId", l.studentId()).write("displayName", l.displayName())
                    .write("xp", l.xp()).writeEnd();
        }
        g.writeEnd();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeStartArray(name);
        values.forEach(g::write);
        g.writeEnd();
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }

    private static void optional(JsonGenerator g, String name, OffsetDateTime value) {
        if (value != null) {
            g.write(name, time(value));
        }
    }

    static JsonObject device(SyncStatus.Device d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("deviceId", d.deviceId()).add("registeredAt", time(d.registeredAt()))
                .add("heldThroughSequence", d.heldThroughSequence()).add("eventsHeld", d.eventsHeld()).add("eventsWaiting", d.eventsWaiting());
        if (d.label() != null) {
            b.add("label", d.label());
        }
        if (d.lastSyncedAt() != null) {
            b.add("lastSyncedAt", time(d.lastSyncedAt()));
        }
        if (d.lastReceiptId() != null) {
            b.add("lastReceiptId", d.lastReceiptId().toString());
        }
        return b.build();
    }

    static JsonObject receiptStatus(SyncStatus.Receipt r) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("receiptId", r.receiptId().toString()).add("deviceId", r.deviceId())
                .add("source", r.source()).add("status", r.status()).add("received", r.received()).add("applied", r.applied())
                .add("duplicate", r.duplicate()).add("rejected", r.rejected()).add("waiting", r.waiting()).add("bytesReceived", r.bytesReceived())
                .add("startedAt", time(r.startedAt()));
        if (r.durationMs() != null) {
            b.add("durationMs", r.durationMs());
        }
        if (r.completedAt() != null) {
            b.add("completedAt", time(r.completedAt()));
        }
        if (r.error() != null) {
            b.add("error", r.error());
        }
        return b.build();
    }

    static JsonObject devices(List<SyncStatus.Device> devices) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        devices.forEach(d -> a.add(device(d)));
        return Json.createObjectBuilder().add("devices", a).build();
    }

    static String time(OffsetDateTime t) {
        return t.toInstant().toString();
    }
}
