package org.projectspark.it;

import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** A device as the sync tests drive it: registering, building events, uploading batches (plain or gzip). */
final class SyncClient {

    private SyncClient() {
    }

    /** One offline event as a device would keep it. */
    record Event(UUID id, long sequence, String type, OffsetDateTime deviceTime, String data) {
        String json(String deviceId) {
            return "{\"id\":\"" + id + "\",\"deviceId\":\"" + deviceId + "\",\"sequence\":" + sequence + ",\"type\":\"" + type
                    + "\",\"deviceTime\":\"" + deviceTime.truncatedTo(ChronoUnit.MILLIS) + "\",\"data\":" + data + "}";
        }

        Event withId(UUID other) {
            return new Event(other, sequence, type, deviceTime, data);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static void register(Fixtures.Member student, String deviceId) {
        Fixtures.require(Api.put("/api/v1/sync/devices/" + deviceId, "{\"label\":\"Test tablet\"}", student.token()), 200);
    }

    static Event progress(long seq, OffsetDateTime at, String activityId, int percent) {
        return new Event(UUID.randomUUID(), seq, "PROGRESS", at, "{\"activityId\":\"" + activityId + "\",\"percent\":" + percent + "}");
    }

    static Event lessonOpened(long seq, OffsetDateTime at, String lessonId) {
        return new Event(UUID.randomUUID(), seq, "LESSON_OPENED", at, "{\"lessonId\":\"" + lessonId + "\"}");
    }

    /** A quiz submission whose answers were given over {@code secondsTaken} before {@code at}. */
    static Event quiz(long seq, OffsetDateTime at, JsonObject quiz, int right, long secondsTaken) {
        String answers = Fixtures.answers(quiz, right);
        answers = answers.substring(answers.indexOf("\"answers\""), answers.length() - 1);
        return new Event(UUID.randomUUID(), seq, "QUIZ_SUBMITTED", at, "{\"activityId\":\"" + quiz.getString("id")
                + "\",\"startedAt\":\"" + at.minusSeconds(secondsTaken).truncatedTo(ChronoUnit.MILLIS) + "\"," + answers + "}");
    }

    static String batch(String deviceId, List<Event> events) {
        StringBuilder b = new StringBuilder("{\"deviceId\":\"" + deviceId + "\",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            b.append(i == 0 ? "" : ",").append(events.get(i).json(deviceId));
        }
        return b.append("]}").toString();
    }

    static Api.Reply upload(Fixtures.Member student, String deviceId, List<Event> events) {
        return Api.post("/api/v1/sync/events", batch(deviceId, events), student.token());
    }

    static Api.Reply uploadGzip(Fixtures.Member student, String body) {
        return Api.send(Api.request("/api/v1/sync/events", student.token()).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body))).build());
    }

    /** Uploads and insists on 200, returning the receipt. */
    static JsonObject uploaded(Fixtures.Member student, String deviceId, List<Event> events) {
        Api.Reply r = upload(student, deviceId, events);
        Fixtures.require(r, 200);
        return r.json();
    }

    static byte[] gzip(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
