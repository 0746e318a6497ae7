package org.projectspark.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync with no network: a teacher exports a signed class bundle (every student's first sync and the courses'
 * content), the school's app signs the devices' events with the bundle's import key, and the import applies them
 * exactly once; a bundle changed on the way is refused whole.
 */
@ExtendWith(ArquillianExtension.class)
class SyncBundleIT extends DeployedEar {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static JsonObject payloadOf(String jws) {
        String[] parts = jws.split("\\.");
        assertThat(parts).hasSize(3);
        try (JsonReader r = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            return r.readObject();
        }
    }

    /** What the school's app does: an HS256 JWS of the events, keyed by the export's import key. */
    static String signed(String bundleId, String importKey, String payload) throws Exception {
        String header = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"spark-events-bundle\",\"kid\":\"" + bundleId + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(importKey), "HmacSHA256"));
        return header + "." + body + "." + B64.encodeToString(mac.doFinal((header + "." + body).getBytes(StandardCharsets.US_ASCII)));
    }

    private static Api.Reply importBundle(String classId, String jws, String token) {
        return Api.send(Api.request("/api/v1/classes/" + classId + "/sync/bundles", token).header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofString(jws)).build());
    }

    @Test
    void aSchoolWithNoNetworkSyncsByBundleExactlyOnceAndATamperedBundleIsRefused() throws Exception {
        Fixtures.ClassWithCourse setup = Fixtures.classWithCourse();
        Fixtures.Member teacher = setup.teacher();
        Fixtures.Member student = setup.student();
        String classId = setup.classId();
        JsonObject lesson = setup.lesson();

        Api.Reply exported = Api.get("/api/v1/classes/" + classId + "/sync/bundle", teacher.token());
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.header("Content-Type")).startsWith("application/jose");
        assertThat(exported.header("Content-Disposition")).contains("attachment");
        JsonObject bundle = payloadOf(exported.body());
        assertThat(bundle.getString("classId")).isEqualTo(classId);
        JsonObject mine = bundle.getJsonArray("students").getJsonObject(0);
        assertThat(mine.getString("studentId")).isEqualTo(student.id());
        assertThat(mine.getJsonArray("pages").getJsonObject(0).getJsonObject("changes").getJsonArray("classes")).hasSize(1);
        assertThat(mine.getString("cursor")).isNotBlank();
        JsonObject content = bundle.getJsonArray("courses").getJsonObject(0).getJsonObject("content");
        assertThat(content.keySet()).containsExactlyInAnyOrder("en", "sw");
        assertThat(content.getJsonObject("sw").getString("title")).isEqualTo("Sehemu");
        assertThat(content.toString()).as("answers never leave the server").doesNotContain("correctOptions", "accepted");
        assertThat(Api.get("/api/v1/sync/changes?since=" + mine.getString("cursor"), student.token()).status())
                .as("a device goes on online from the bundle's cursor").isEqualTo(200);

        // at the school, offline: a tablet registered with the teacher's app after the export
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);
        List<SyncClient.Event> events = List.of(
                SyncClient.progress(1, SyncClient.now().minusMinutes(3), lesson.getJsonArray("activities").getJsonObject(0).getString("id"), 100),
                SyncClient.quiz(2, SyncClient.now().minusMinutes(2), quiz, 5, 80));
        String uploads = "{\"format\":\"spark-events-bundle/1\",\"bundleId\":\"" + bundle.getString("bundleId") + "\",\"classId\":\"" + classId
                + "\",\"uploads\":[{\"studentId\":\"" + student.id() + "\",\"deviceId\":\"school-tablet-1\",\"events\":["
                + events.get(0).json("school-tablet-1") + "," + events.get(1).json("school-tablet-1") + "]},"
                + "{\"studentId\":\"" + UUID.randomUUID() + "\",\"deviceId\":\"school-tablet-2\",\"events\":[]}]}";
        String jws = signed(bundle.getString("bundleId"), bundle.getString("importKey"), uploads);

        String tamperedPayload = uploads.replace("\"percent\":100", "\"percent\":99");
        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + B64.encodeToString(tamperedPayload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Api.Reply refused = importBundle(classId, tampered, teacher.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("detail")).contains("signature does not verify");
        Api.Reply wrongKey = importBundle(classId, signed(bundle.getString("bundleId"), B64.encodeToString(new byte[32]), uploads), teacher.token());
        assertThat(wrongKey.status()).isEqualTo(400);
        try (Connection c = Fixtures.database()) {
            assertThat(SyncIT.count(c, "SELECT count(*) FROM sync_events WHERE user_id = ?", student.id())).as("nothing applied").isZero();
        }

        Api.Reply imported = importBundle(classId, jws, teacher.token());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonObject first = imported.json().getJsonArray("uploads").getJsonObject(0);
        assertThat(first.getInt("applied")).isEqualTo(2);
        assertThat(first.getJsonArray("results").getJsonObject(1).containsKey("flags"))
                .as("a device new to the server, used since the export, is plausible").isFalse();
        assertThat(first.getJsonArray("results").getJsonObject(1).getJsonObject("result").getInt("xpEarned")).isPositive();
        assertThat(imported.json().getJsonArray("uploads").getJsonObject(1).getString("refused")).contains("not a student of this class");

        Api.Reply again = Api.send(Api.request("/api/v1/classes/" + classId + "/sync/bundles", teacher.token())
                .header("Content-Type", "application/jose").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SyncClient.gzip(jws))).build());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getJsonArray("uploads").getJsonObject(0).getInt("duplicate")).isEqualTo(2);
        try (Connection c = Fixtures.database()) {
            assertThat(SyncIT.count(c, "SELECT count(*) FROM submissions WHERE student_id = ?", student.id())).isEqualTo(1);
            SyncIT.assertLedgerMatches(c, student.id());
        }
        JsonObject receipt = Api.get("/api/v1/sync/receipts/" + first.getString("receiptId"), student.token()).json();
        assertThat(receipt.getString("source")).isEqualTo("BUNDLE");

        Fixtures.Member otherTeacher = Fixtures.newTeacher(setup.schoolId());
        String otherClass = Fixtures.newClass(setup.schoolId(), otherTeacher);
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync/bundle", otherTeacher.token()).status()).isEqualTo(403);
        assertThat(importBundle(classId, jws, otherTeacher.token()).status()).isEqualTo(403);
        assertThat(importBundle(otherClass, jws, otherTeacher.token()).status()).as("an export of another class").isEqualTo(404);
        assertThat(Api.get("/api/v1/classes/" + classId + "/sync/bundle", student.token()).status()).isEqualTo(403);
        assertThat(importBundle(classId, "not a bundle", teacher.token()).status()).isEqualTo(400);
    }
}
