package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-ins of assignment answers on the real server, offline and online: an {@code ASSIGNMENT_FILE} event names a file
 * the server issued to the student, waits while that file is still being uploaded over a slow link, and is applied once
 * when it arrives, whoever gets there first; a reference the server never issued, or someone else's, is refused for
 * good; online, the same use case.
 */
@ExtendWith(ArquillianExtension.class)
class HandinIT extends DeployedEar {

    /** A reading and an assignment (a photo of the student's work, graded by the teacher). */
    private static final String COURSE = """
            {"subject":"math","defaultLocale":"en","title":{"en":"Halves at home"},
             "units":[{"title":{"en":"Unit 1"},"lessons":[
               {"title":{"en":"Halves"},"activities":[{"type":"READING","title":{"en":"Read"},"body":{"en":"A half is one of two equal parts."}},
                 {"type":"ASSIGNMENT","title":{"en":"Draw two halves"},"body":{"en":"Hand in a photo of your drawing."}}]}
             ]}]}""";

    private record Pupil(Fixtures.Member student, String reading, String assignment) {
    }

    private static Pupil pupil(String deviceId) {
        Fixtures.Member s = Fixtures.newStudent(null);
        String author = Api.newTeacher().getString("accessToken");
        String courseId = Api.post("/api/v1/courses", COURSE, author).json().getString("id");
        Fixtures.require(Api.post("/api/v1/courses/" + courseId + "/publish", "", author), 200);
        JsonArray activities = Api.get("/api/v1/courses/" + courseId, s.token()).json().getJsonArray("units").getJsonObject(0)
                .getJsonArray("lessons").getJsonObject(0).getJsonArray("activities");
        SyncClient.register(s, deviceId);
        return new Pupil(s, activities.getJsonObject(0).getString("id"), activities.getJsonObject(1).getString("id"));
    }

    @Test
    void aHandinWhoseFileComesLaterWaitsAndIsAppliedOnceWhenItArrives() throws Exception {
        Pupil p = pupil("phone-h1");
        byte[] pdf = FileUploadIT.pdf(300_000, 3501);
        String upload = create(p.student(), pdf.length);
        // the first 120,000 bytes arrive, then the link drops
        assertThat(patch(p.student(), upload, pdf, 0, 120_000).status()).isEqualTo(204);

        OffsetDateTime t = SyncClient.now().minusMinutes(30);
        SyncClient.Event read = SyncClient.progress(1, t, p.reading(), 100);
        SyncClient.Event handin = handinEvent(2, t.plusMinutes(5), p.assignment(), id(upload));
        List<SyncClient.Event> batch = List.of(read, handin);
        JsonObject receipt = SyncClient.uploaded(p.student(), "phone-h1", batch);
        assertThat(statuses(receipt)).containsExactly("APPLIED", "WAITING");
        assertThat(receipt.getInt("applied")).isEqualTo(1);
        assertThat(receipt.getInt("waiting")).isEqualTo(1);
        assertThat(receipt.getInt("rejected")).isZero();
        assertThat(receipt.getJsonNumber("heldThroughSequence").longValue()).as("a waiting event is held: the device may forget it").isEqualTo(2);
        JsonObject waiting = receipt.getJsonArray("results").getJsonObject(1);
        assertThat(waiting.getString("reason")).contains("waiting for its file", id(upload), "120000 of 300000 bytes");
        assertThat(waiting.getJsonObject("result").getString("uploadId")).isEqualTo(id(upload));

        // the sync status says so
        assertThat(Api.get("/api/v1/sync/receipts/" + receipt.getString("receiptId"), p.student().token()).json().getInt("waiting")).isEqualTo(1);
        assertThat(Api.get("/api/v1/sync/devices/phone-h1", p.student().token()).json().getInt("eventsWaiting")).isEqualTo(1);
        assertThat(held(p.student(), handin.id()).getString("status")).isEqualTo("WAITING");
        assertThat(handins(p.student())).isZero();

        // the batch sent again meanwhile changes nothing
        JsonObject again = SyncClient.uploaded(p.student(), "phone-h1", batch);
        assertThat(statuses(again)).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(again.getJsonArray("results").getJsonObject(1).getString("original")).isEqualTo("WAITING");
        assertThat(handins(p.student())).isZero();

        // the rest of the file arrives: the event is applied now, as it would have been had the file been there
        Api.Reply done = patch(p.student(), upload, pdf, 120_000, pdf.length - 120_000);
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        String fileId = done.header("Spark-File-Id");
        JsonObject applied = held(p.student(), handin.id());
        assertThat(applied.getString("status")).isEqualTo("APPLIED");
        assertThat(applied.containsKey("reason")).isFalse();
        JsonObject result = applied.getJsonObject("result");
        assertThat(result.getString("handinId")).as("an offline hand-in's id is its event's").isEqualTo(handin.id().toString());
        assertThat(result.getString("fileId")).isEqualTo(fileId);
        assertThat(result.getString("fileName")).isEqualTo("kazi.pdf");
        assertThat(result.getJsonNumber("sizeBytes").longValue()).isEqualTo(pdf.length);
        assertThat(result.getString("activityId")).isEqualTo(p.assignment());
        assertThat(result.getBoolean("replayed")).isFalse();
        assertThat(Api.get("/api/v1/sync/devices/phone-h1", p.student().token()).json().getInt("eventsWaiting")).isZero();
        try (Connection c = Fixtures.database()) {
            assertThat(count(c, "SELECT count(*) FROM assignment_handins WHERE student_id = ?::uuid AND id = ?::uuid AND file_id = ?::uuid"
                    + " AND handed_in_at = ?", p.student().id(), handin.id().toString(), fileId,
                    handin.deviceTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))).as("handed in when the student did").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM sync_waiting_events WHERE user_id = ?::uuid", p.student().id())).isZero();
        }

        // sent again, and swept again: still that one hand-in, answered with its result
        JsonObject replay = SyncClient.uploaded(p.student(), "phone-h1", batch);
        assertThat(statuses(replay)).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(replay.getJsonArray("results").getJsonObject(1).getString("original")).isEqualTo("APPLIED");
        assertThat(replay.getJsonArray("results").getJsonObject(1).getJsonObject("result")).isEqualTo(result);
        settle();
        assertThat(handins(p.student())).isEqualTo(1);
        assertThat(held(p.student(), handin.id()).getJsonObject("result")).isEqualTo(result);
    }

    /** The upload's completion and the hourly sweep, on any instance, at once: the event is applied once. */
    @Test
    void anUploadCompletingWhileEverythingElseRacesIsAppliedOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Pupil p = pupil("tab-race");
            byte[] pdf = FileUploadIT.pdf(40_000, 3600 + round);
            String upload = create(p.student(), pdf.length);
            assertThat(patch(p.student(), upload, pdf, 0, 10_000).status()).isEqualTo(204);
            SyncClient.Event handin = handinEvent(1, SyncClient.now().minusMinutes(3), p.assignment(), id(upload));
            boolean eventFirst = round != 1; // in round 1 the batch itself races the upload's last bytes
            if (eventFirst) {
                assertThat(statuses(SyncClient.uploaded(p.student(), "tab-race", List.of(handin)))).containsExactly("WAITING");
            }
            CyclicBarrier start = new CyclicBarrier(4);
            List<CompletableFuture<Api.Reply>> racing = new ArrayList<>();
            racing.add(CompletableFuture.supplyAsync(() -> at(start, () -> patch(p.student(), upload, pdf, 10_000, pdf.length - 10_000))));
            racing.add(CompletableFuture.supplyAsync(() -> at(start, () -> eventFirst ? settleRun() : SyncClient.upload(p.student(), "tab-race", List.of(handin)))));
            racing.add(CompletableFuture.supplyAsync(() -> at(start, HandinIT::settleRun)));
            racing.add(CompletableFuture.supplyAsync(() -> at(start, () -> SyncClient.upload(p.student(), "tab-race", List.of(handin)))));
            for (CompletableFuture<Api.Reply> f : racing) {
                Api.Reply r = f.get();
                assertThat(r.status()).as(r.toString()).isIn(200, 204);
            }
            settle();
            assertThat(held(p.student(), handin.id()).getString("status")).as("round " + round).isEqualTo("APPLIED");
            assertThat(handins(p.student())).as("round " + round).isEqualTo(1);
            try (Connection c = Fixtures.database()) {
                assertThat(count(c, "SELECT count(*) FROM sync_events WHERE id = ?::uuid AND outcome = 'APPLIED'", handin.id().toString())).isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM sync_waiting_events WHERE user_id = ?::uuid", p.student().id())).isZero();
            }
        }
    }

    @Test
    void aReferenceTheServerNeverIssuedOrSomeoneElsesIsRefusedForGood() throws Exception {
        Pupil p = pupil("phone-h3");
        Fixtures.Member other = Fixtures.newStudent(null);
        String othersFile = FileUploadIT.upload(other, FileUploadIT.pdf(5_000, 3701), "yake.pdf", "application/pdf", null).json().getString("id");
        String othersUpload = id(create(other, 9_000));
        String mine = FileUploadIT.upload(p.student(), FileUploadIT.pdf(5_000, 3702), "yangu.pdf", "application/pdf", null).json().getString("id");
        OffsetDateTime t = SyncClient.now().minusMinutes(10);
        List<String> notTheirs = List.of(UUID.randomUUID().toString(), othersFile, othersUpload);
        List<SyncClient.Event> events = List.of(
                handinEvent(1, t, p.assignment(), notTheirs.get(0)),
                handinEvent(2, t, p.assignment(), notTheirs.get(1)),
                handinEvent(3, t, p.assignment(), notTheirs.get(2)),
                handinEvent(4, t, p.assignment(), "photos/kazi.jpg"),
                handinEvent(5, t, p.reading(), mine));
        JsonObject receipt = SyncClient.uploaded(p.student(), "phone-h3", events);
        assertThat(statuses(receipt)).containsExactly("REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED");
        JsonArray results = receipt.getJsonArray("results");
        for (int i = 0; i < 3; i++) {
            assertThat(results.getJsonObject(i).getString("reason")).as("one answer, whether it exists for someone else or not")
                    .isEqualTo("fileRef " + notTheirs.get(i)
                            + " is neither a file nor an upload of this student's: hand in the id the server gave the student's upload"
                            + " (POST /files, or a resumable upload under /files/uploads)");
        }
        assertThat(results.getJsonObject(3).getString("reason")).startsWith("data.fileRef must be the id the server gave the student's upload");
        assertThat(results.getJsonObject(4).getString("reason")).isEqualTo("activity " + p.reading() + " is a READING, not an assignment");

        JsonObject again = SyncClient.uploaded(p.student(), "phone-h3", events);
        assertThat(statuses(again)).containsOnly("DUPLICATE");
        assertThat(again.getJsonArray("results").getJsonObject(1).getString("original")).isEqualTo("REJECTED");
        assertThat(handins(p.student())).isZero();
        assertThat(handins(other)).isZero();
    }

    @Test
    void aWaitingEventWhoseUploadExpiresOrIsEndedIsRejectedWithTheReason() throws Exception {
        Pupil p = pupil("phone-h4");
        byte[] pdf = FileUploadIT.pdf(20_000, 3801);
        String expiring = create(p.student(), pdf.length);
        String ended = create(p.student(), pdf.length);
        assertThat(patch(p.student(), expiring, pdf, 0, 5_000).status()).isEqualTo(204);
        OffsetDateTime t = SyncClient.now().minusMinutes(10);
        SyncClient.Event first = handinEvent(1, t, p.assignment(), id(expiring));
        SyncClient.Event second = handinEvent(2, t.plusMinutes(1), p.assignment(), id(ended));
        assertThat(statuses(SyncClient.uploaded(p.student(), "phone-h4", List.of(first, second)))).containsExactly("WAITING", "WAITING");

        settle();
        assertThat(held(p.student(), first.id()).getString("status")).as("uploads still live: still waiting").isEqualTo("WAITING");

        try (Connection c = Fixtures.database(); PreparedStatement st = c.prepareStatement(
                "UPDATE file_uploads SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")) {
            st.setString(1, id(expiring));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        Api.Reply terminated = Api.send(Api.request(ended, p.student().token()).header("Tus-Resumable", "1.0.0").DELETE().build());
        assertThat(terminated.status()).as(terminated.toString()).isEqualTo(204);
        settle();

        JsonObject expired = held(p.student(), first.id());
        assertThat(expired.getString("status")).isEqualTo("REJECTED");
        assertThat(expired.getString("reason")).startsWith("upload " + id(expiring) + " expired at ").contains("upload the file again");
        JsonObject gone = held(p.student(), second.id());
        assertThat(gone.getString("status")).isEqualTo("REJECTED");
        assertThat(gone.getString("reason")).startsWith("upload " + id(ended) + " ended before its last byte arrived");
        assertThat(Api.get("/api/v1/sync/devices/phone-h4", p.student().token()).json().getInt("eventsWaiting")).isZero();
        // final: sent again, the same answer
        JsonObject again = SyncClient.uploaded(p.student(), "phone-h4", List.of(first, second));
        assertThat(again.getJsonArray("results").getJsonObject(0).getString("original")).isEqualTo("REJECTED");
        assertThat(handins(p.student())).isZero();
    }

    @Test
    void aFileHandedInOnlineGoesThroughTheSameUseCaseAsOffline() throws Exception {
        Pupil p = pupil("phone-h5");
        byte[] pdf = FileUploadIT.pdf(8_000, 3901);
        String fileId = FileUploadIT.upload(p.student(), pdf, "insha.pdf", "application/pdf", null).json().getString("id");
        String path = "/api/v1/activities/" + p.assignment() + "/handins";

        Api.Reply first = Api.post(path, "{\"fileId\":\"" + fileId + "\"}", p.student().token());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonObject web = first.json();
        assertThat(web.getString("fileId")).isEqualTo(fileId);
        assertThat(web.getString("fileName")).isEqualTo("insha.pdf");
        assertThat(web.getJsonNumber("sizeBytes").longValue()).isEqualTo(pdf.length);
        assertThat(web.getString("activityId")).isEqualTo(p.assignment());
        assertThat(web.getInt("xpEarned")).as("an assignment earns when it is graded").isZero();
        assertThat(web.getBoolean("replayed")).isFalse();
        Api.Reply second = Api.post(path, "{\"fileId\":\"" + fileId + "\"}", p.student().token());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getString("handinId")).isEqualTo(web.getString("handinId"));
        assertThat(second.json().getBoolean("replayed")).isTrue();
        // offline, the same file for the same assignment is that hand-in too
        JsonObject synced = SyncClient.uploaded(p.student(), "phone-h5", List.of(handinEvent(1, SyncClient.now().minusMinutes(1), p.assignment(), fileId)))
                .getJsonArray("results").getJsonObject(0);
        assertThat(synced.getString("status")).isEqualTo("APPLIED");
        assertThat(synced.getJsonObject("result").getString("handinId")).isEqualTo(web.getString("handinId"));
        assertThat(handins(p.student())).isEqualTo(1);

        // one result shape for both doors: another student hands in offline a file uploaded before
        Pupil q = pupil("phone-h6");
        String theirs = FileUploadIT.upload(q.student(), FileUploadIT.pdf(8_000, 3902), "picha.pdf", "application/pdf", null).json().getString("id");
        SyncClient.Event event = handinEvent(1, SyncClient.now().minusMinutes(2), q.assignment(), theirs);
        JsonObject offline = SyncClient.uploaded(q.student(), "phone-h6", List.of(event)).getJsonArray("results").getJsonObject(0);
        assertThat(offline.getString("status")).as(offline.toString()).isEqualTo("APPLIED");
        assertThat(offline.getJsonObject("result").keySet()).isEqualTo(web.keySet());
        assertThat(offline.getJsonObject("result").getString("handinId")).isEqualTo(event.id().toString());
        for (String same : List.of("status", "percent", "attempts", "xpEarned", "level", "badgesEarned", "replayed")) {
            assertThat(offline.getJsonObject("result").get(same)).as(same).isEqualTo(web.get(same));
        }

        // refusals
        assertProblem(Api.post(path, "{\"fileId\":\"" + theirs + "\"}", p.student().token()), 404, "another's file");
        assertProblem(Api.post(path, "{\"fileId\":\"" + UUID.randomUUID() + "\"}", p.student().token()), 404, "an unknown file");
        assertProblem(Api.post("/api/v1/activities/" + UUID.randomUUID() + "/handins", "{\"fileId\":\"" + fileId + "\"}", p.student().token()),
                404, "an unknown activity");
        assertProblem(Api.post("/api/v1/activities/" + p.reading() + "/handins", "{\"fileId\":\"" + fileId + "\"}", p.student().token()),
                400, "a reading");
        String uploading = create(p.student(), 9_000);
        Api.Reply unfinished = Api.post(path, "{\"fileId\":\"" + id(uploading) + "\"}", p.student().token());
        assertProblem(unfinished, 409, "an upload not finished");
        assertThat(unfinished.json().getString("detail")).contains("holds 0 of its 9000 bytes");
        assertProblem(Api.post(path, "{}", p.student().token()), 400, "no fileId");
        assertProblem(Api.post(path, "{\"fileId\":\"photos/kazi.jpg\"}", p.student().token()), 400, "not an id");
        assertProblem(Api.post(path, "", p.student().token()), 400, "no body");
        // only students hand in (the admin holds no STUDENT role)
        assertProblem(Api.post(path, "{\"fileId\":\"" + fileId + "\"}", Api.adminToken()), 403, "the admin");
        assertThat(Api.post(path, "{\"fileId\":\"" + fileId + "\"}", null).status()).isEqualTo(401);
        assertThat(handins(p.student())).isEqualTo(1);
    }

    // --- helpers ---

    private static SyncClient.Event handinEvent(long seq, OffsetDateTime at, String activityId, String fileRef) {
        return new SyncClient.Event(UUID.randomUUID(), seq, "ASSIGNMENT_FILE", at,
                "{\"activityId\":\"" + activityId + "\",\"fileRef\":\"" + fileRef + "\"}");
    }

    /** A resumable upload of {@code length} bytes named kazi.pdf: its path. */
    private static String create(Fixtures.Member who, int length) {
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", who.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("kazi.pdf".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return URI.create(created.header("Location")).getPath();
    }

    private static String id(String uploadPath) {
        return uploadPath.substring(uploadPath.lastIndexOf('/') + 1);
    }

    /** Appends {@code length} bytes of {@code all} from {@code from}, at that offset. */
    private static Api.Reply patch(Fixtures.Member who, String upload, byte[] all, int from, int length) {
        return Api.send(Api.request(upload, who.token()).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(from))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(all, from, length)).build());
    }

    /** What the server holds of one event. */
    private static JsonObject held(Fixtures.Member who, UUID eventId) {
        Api.Reply r = Api.post("/api/v1/sync/events/held", "{\"eventIds\":[\"" + eventId + "\"]}", who.token());
        Fixtures.require(r, 200);
        return r.json().getJsonArray("held").getJsonObject(0);
    }

    private static Api.Reply settleRun() {
        return Api.post("/api/v1/admin/maintenance/settle-waiting-events/run", "", Api.adminToken());
    }

    private static void settle() {
        Api.Reply r = settleRun();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getString("lastOutcome")).as(r.toString()).isEqualTo("SUCCEEDED");
    }

    private static Api.Reply at(CyclicBarrier start, java.util.function.Supplier<Api.Reply> call) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    private static List<String> statuses(JsonObject receipt) {
        return receipt.getJsonArray("results").stream().map(r -> r.asJsonObject().getString("status")).toList();
    }

    private static long handins(Fixtures.Member student) throws Exception {
        try (Connection c = Fixtures.database()) {
            return count(c, "SELECT count(*) FROM assignment_handins WHERE student_id = ?::uuid", student.id());
        }
    }

    private static long count(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertProblem(Api.Reply r, int status, String what) {
        assertThat(r.status()).as(what + ": " + r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(r.body()).as(what).doesNotContain("org.projectspark", "Exception");
    }
}
