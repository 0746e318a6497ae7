package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images at widths, the cleanup of files nothing refers to, and a full school quota, through the API on the test
 * domain's local storage (its UPLOAD_DIR is this build's target/uploads, so the test sees what the storage keeps).
 * Test domain: MAX_LESSON_MEDIA_SIZE 4 MiB, SCHOOL_STORAGE_QUOTA 10 MiB, UNREFERENCED_FILE_GRACE 30d (files are aged
 * past it in the database).
 */
@ExtendWith(ArquillianExtension.class)
class FileWidthsAndCleanupIT extends DeployedEar {

    private static final Path UPLOAD_DIR = Path.of(System.getProperty("spark.uploadDir", "target/uploads"));
    private static final String WEBP_BROWSER = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";
    private static Fixtures.Member teacher;
    private static Fixtures.Member student;
    private static Fixtures.Member classmate;
    private static Fixtures.Member stranger;

    @BeforeAll
    static void aSchool() {
        String school = Fixtures.newSchool();
        teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        student = Fixtures.newStudent(school);
        classmate = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, student);
        Fixtures.enrol(classId, teacher, classmate);
        stranger = Fixtures.newStudent(Fixtures.newSchool());
    }

    @Test
    void aTwoMegabytePhotoReachesAPhoneAsTensOfKilobytesInTheFormatItAccepts() throws Exception {
        byte[] photo = photo(2400, 1800, 1);
        assertThat(photo.length).as("a phone photo of about 2 MB").isBetween(1_500_000, 4_000_000);
        JsonObject file = FileUploadIT.upload(teacher, photo, "darasa.jpg", "image/jpeg", "LESSON_MEDIA").json();
        String content = file.getString("contentUrl");
        String hash = file.getString("sha256");

        HttpResponse<byte[]> webp = get(content + "?w=320", null, WEBP_BROWSER, null);
        assertThat(webp.statusCode()).isEqualTo(200);
        assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(webp.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("Accept"));
        assertThat(webp.headers().firstValue("ETag")).hasValue("\"" + hash + "-320-webp\"");
        assertThat(webp.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(new String(webp.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(webp.body().length).as("WebP at 320 of a %d-byte photo", photo.length).isLessThan(60_000);

        HttpResponse<byte[]> jpeg = get(content + "?w=320", null, "image/jpeg,image/png", null);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.headers().firstValue("ETag")).hasValue("\"" + hash + "-320-jpeg\"");
        assertThat(jpeg.body().length).as("JPEG at 320").isLessThan(60_000);
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
        assertThat(shown.getWidth()).isEqualTo(320);
        assertThat(shown.getHeight()).isEqualTo(240);
        // no Accept at all: JPEG, which every device shows
        assertThat(get(content + "?w=320", null, null, null).headers().firstValue("Content-Type")).hasValue("image/jpeg");

        // kept in the storage beside the content, once per width and format
        Path keptWebp = UPLOAD_DIR.resolve("variants/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash + "/320-webp");
        assertThat(keptWebp).hasBinaryContent(webp.body());
        assertThat(keptWebp.resolveSibling("320-jpeg")).hasBinaryContent(jpeg.body());
        // the second request is served what the storage keeps, not encoded again
        byte[] marker = "kept, not made again".getBytes(StandardCharsets.US_ASCII);
        Files.write(keptWebp, marker);
        try {
            assertThat(get(content + "?w=320", null, WEBP_BROWSER, null).body()).isEqualTo(marker);
        } finally {
            Files.write(keptWebp, webp.body());
        }
        HttpResponse<byte[]> unchanged = get(content + "?w=320", null, WEBP_BROWSER, "\"" + hash + "-320-webp\"");
        assertThat(unchanged.statusCode()).isEqualTo(304);

        // the original stays as it was
        HttpResponse<byte[]> original = get(content, null, WEBP_BROWSER, null);
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(original.body()).hasSize(file.getJsonNumber("size").intValue());
    }

    @Test
    void requestsForANewWidthAtOnceAllGetOneWholeImage() throws Exception {
        JsonObject file = FileUploadIT.upload(teacher, photo(1600, 1200, 2), "ubao.jpg", "image/jpeg", "LESSON_MEDIA").json();
        String content = file.getString("contentUrl") + "?w=640";
        List<CompletableFuture<HttpResponse<byte[]>>> asked = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> get(content, null, WEBP_BROWSER, null))).toList();
        byte[] first = null;
        for (CompletableFuture<HttpResponse<byte[]>> a : asked) {
            HttpResponse<byte[]> r = a.get();
            assertThat(r.statusCode()).isEqualTo(200);
            first = first == null ? r.body() : first;
            assertThat(r.body()).isEqualTo(first);
        }
        String hash = file.getString("sha256");
        Path kept = UPLOAD_DIR.resolve("variants/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash + "/640-webp");
        assertThat(kept).hasBinaryContent(first);
        try (var listing = Files.list(kept.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("640-webp");
        }
    }

    @Test
    void widthsOutsideTheSetAndWidthsOfWhatIsNoImageAreRefused() {
        String content = FileUploadIT.upload(teacher, FileUploadIT.mp3(5_000), "sauti.mp3", "audio/mpeg", "LESSON_MEDIA").json().getString("contentUrl");
        String image = FileUploadIT.upload(teacher, photo(400, 300, 3), "p.jpg", "image/jpeg", "LESSON_MEDIA").json().getString("contentUrl");
        for (String w : new String[]{"400", "0", "-1", "abc", "1e3", "9".repeat(300)}) {
            Api.Reply r = Api.send(Api.request(image + "?w=" + w, null).GET().build());
            assertThat(r.status()).as(w).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().getString("detail")).contains("160, 320, 640, 1280");
        }
        Api.Reply audio = Api.send(Api.request(content + "?w=320", null).GET().build());
        assertThat(audio.status()).isEqualTo(400);
        assertThat(audio.json().getString("detail")).contains("audio/mpeg");
    }

    @Test
    void aPrivatePhotoAtAWidthIsForThoseWhoMayReadItAndNeverWiderThanItWas() throws Exception {
        byte[] photo = photo(300, 200, 4);
        String content = FileUploadIT.upload(student, photo, "jibu.jpg", "image/jpeg", null).json().getString("contentUrl");
        HttpResponse<byte[]> mine = get(content + "?w=640", student.token(), null, null);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(ImageIO.read(new ByteArrayInputStream(mine.body())).getWidth()).as("never upscaled").isEqualTo(300);
        assertThat(get(content + "?w=160", teacher.token(), WEBP_BROWSER, null).statusCode()).isEqualTo(200);
        for (Fixtures.Member other : new Fixtures.Member[]{classmate, stranger}) {
            assertThat(get(content + "?w=160", other.token(), WEBP_BROWSER, null).statusCode()).as(other.username()).isEqualTo(404);
        }
        assertThat(get(content + "?w=160", null, null, null).statusCode()).isEqualTo(404);
        // the original too, for its owner and their teacher
        assertThat(get(content, teacher.token(), null, null).body()).hasSize(photo.length);
    }

    @Test
    void theCleanupDeletesWhatNothingRefersToAndKeepsTheRest() throws Exception {
        // an answer handed in, a lesson's audio, a picture no one used (with a width made of it), the same content as
        // the handed-in answer uploaded by a classmate and never handed in, and a file too recent to judge
        String handedIn = id(FileUploadIT.upload(student, FileUploadIT.pdf(4_000, 900), "jibu.pdf", "application/pdf", null));
        String sameAsHandedIn = id(FileUploadIT.upload(classmate, FileUploadIT.pdf(4_000, 900), "nakala.pdf", "application/pdf", null));
        String lessonAudio = id(FileUploadIT.upload(teacher, FileUploadIT.mp3(7_001), "somo.mp3", "audio/mpeg", "LESSON_MEDIA"));
        Api.Reply unusedUp = FileUploadIT.upload(student, photo(640, 480, 5), "sahau.jpg", "image/jpeg", null);
        String unused = id(unusedUp);
        String unusedHash = unusedUp.json().getString("sha256");
        assertThat(get("/api/v1/files/" + unused + "/content?w=160", student.token(), WEBP_BROWSER, null).statusCode()).isEqualTo(200);
        String recent = id(FileUploadIT.upload(student, FileUploadIT.pdf(3_000, 901), "mpya.pdf", "application/pdf", null));

        String course = """
                {"subject":"music","defaultLocale":"en","title":{"en":"Songs"},"description":{"en":"Singing"},
                 "units":[{"title":{"en":"Unit 1"},"lessons":[{"title":{"en":"Listen"},"summary":{"en":"A song"},
                   "activities":[{"type":"AUDIO","title":{"en":"Song"},"body":{"en":"Listen"},"mediaUrl":"%s/api/v1/files/%s/content"}]}]}]}"""
                .formatted(Api.BASE, lessonAudio);
        Api.Reply created = Api.post("/api/v1/courses", course, teacher.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        String expiredUpload;
        try (Connection db = Fixtures.database()) {
            String activity = one(db, "SELECT CAST(a.id AS text) FROM activities a JOIN lessons l ON l.id = a.lesson_id"
                    + " JOIN course_units u ON u.id = l.unit_id WHERE u.course_id = CAST(? AS uuid)", created.json().getString("id"));
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO assignment_handins (id, student_id, activity_id, file_ref, handed_in_at)"
                    + " VALUES (gen_random_uuid(), CAST(? AS uuid), CAST(? AS uuid), ?, now())")) {
                ps.setString(1, student.id());
                ps.setString(2, activity);
                ps.setString(3, handedIn);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE files SET created_at = now() - interval '40 days' WHERE id = ANY (CAST(? AS uuid[]))")) {
                ps.setString(1, "{" + String.join(",", handedIn, sameAsHandedIn, lessonAudio, unused) + "}");
                assertThat(ps.executeUpdate()).isEqualTo(4);
            }
        }
        // an upload cut off and never continued, past its expiry
        Api.Reply started = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "3000").POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = URI.create(started.header("Location")).getPath();
        expiredUpload = location.substring(location.lastIndexOf('/') + 1);
        Api.Reply part = Api.send(Api.request(location, student.token()).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(FileUploadIT.pdf(1_000, 902))).build());
        assertThat(part.status()).isEqualTo(204);
        assertThat(UPLOAD_DIR.resolve("partial/" + expiredUpload)).isDirectory();
        try (Connection db = Fixtures.database();
             PreparedStatement ps = db.prepareStatement("UPDATE file_uploads SET expires_at = now() - interval '1 minute' WHERE id = CAST(? AS uuid)")) {
            ps.setString(1, expiredUpload);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        Api.Reply run = Api.post("/api/v1/admin/maintenance/delete-unreferenced-files/run", "", Api.adminToken());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().getString("lastOutcome")).isEqualTo("SUCCEEDED");
        assertThat(run.json().getString("lastDetail")).contains("unreferenced files deleted", "expired uploads");

        assertThat(Api.get("/api/v1/files/" + handedIn, student.token()).status()).as("handed in").isEqualTo(200);
        assertThat(Api.get("/api/v1/files/" + lessonAudio, null).status()).as("in a lesson").isEqualTo(200);
        assertThat(Api.get("/api/v1/files/" + recent, student.token()).status()).as("within the grace period").isEqualTo(200);
        assertThat(Api.get("/api/v1/files/" + unused, student.token()).status()).as("unused").isEqualTo(404);
        assertThat(Api.get("/api/v1/files/" + sameAsHandedIn, classmate.token()).status()).as("never handed in").isEqualTo(404);
        // the content the hand-in names stays; the unused picture's goes, with its widths
        String handedInHash = Api.get("/api/v1/files/" + handedIn, student.token()).json().getString("sha256");
        assertThat(blob(handedInHash)).exists();
        assertThat(get("/api/v1/files/" + handedIn + "/content", student.token(), null, null).body()).isEqualTo(FileUploadIT.pdf(4_000, 900));
        assertThat(blob(unusedHash)).doesNotExist();
        assertThat(UPLOAD_DIR.resolve("variants/" + unusedHash.substring(0, 2) + "/" + unusedHash.substring(2, 4) + "/" + unusedHash)).doesNotExist();
        // the expired upload and its parts are gone
        assertThat(UPLOAD_DIR.resolve("partial/" + expiredUpload)).doesNotExist();
        try (Connection db = Fixtures.database()) {
            assertThat(one(db, "SELECT CAST(count(*) AS text) FROM file_uploads WHERE id = CAST(? AS uuid)", expiredUpload)).isEqualTo("0");
        }
    }

    @Test
    void aFullSchoolIsRefusedWhateverItsStudentsHaveLeft() {
        String school = Fixtures.newSchool();
        Fixtures.Member t = Fixtures.newTeacher(school);
        assertThat(FileUploadIT.upload(t, FileUploadIT.mp3(3_600_000), "1.mp3", "audio/mpeg", "LESSON_MEDIA").status()).isEqualTo(201);
        assertThat(FileUploadIT.upload(t, FileUploadIT.mp3(3_600_001), "2.mp3", "audio/mpeg", "LESSON_MEDIA").status()).isEqualTo(201);
        assertThat(FileUploadIT.upload(t, FileUploadIT.mp3(3_000_000), "3.mp3", "audio/mpeg", "LESSON_MEDIA").status()).isEqualTo(201);
        Api.Reply full = FileUploadIT.upload(t, FileUploadIT.mp3(1_000_000), "4.mp3", "audio/mpeg", "LESSON_MEDIA");
        assertThat(full.status()).as(full.toString()).isEqualTo(413);
        assertThat(full.header("Content-Type")).startsWith("application/problem+json");
        assertThat(full.json().getString("type")).endsWith("/quota-exceeded");
        assertThat(full.json().getString("detail")).startsWith("Your school uses 10200001 of 10485760 bytes");
        // a student of that school, whose own quota is untouched, is refused too
        Fixtures.Member s = Fixtures.newStudent(school);
        Api.Reply answer = FileUploadIT.upload(s, FileUploadIT.pdf(900_000, 903), "kazi.pdf", "application/pdf", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.json().getString("detail")).startsWith("Your school");
        // and a resumable upload is refused when created, before a byte is sent
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", s.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "900000").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(413);
        // a smaller file that fits what is left is kept
        assertThat(FileUploadIT.upload(s, FileUploadIT.pdf(200_000, 904), "fupi.pdf", "application/pdf", null).status()).isEqualTo(201);
    }

    // --- helpers ---

    private static Path blob(String hash) {
        return UPLOAD_DIR.resolve("blobs/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash);
    }

    private static String id(Api.Reply upload) {
        assertThat(upload.status()).as(upload.toString()).isIn(200, 201);
        return upload.json().getString("id");
    }

    private static String one(Connection db, String sql, String param) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static HttpResponse<byte[]> get(String path, String token, String accept, String ifNoneMatch) {
        HttpRequest.Builder b = Api.request(path, token);
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return Api.sendBytes(b.GET().build());
    }

    /** A photo-like JPEG (smooth shapes, sensor noise) at high quality, as a phone writes it; distinct seeds, distinct files. */
    static byte[] photo(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = noise.nextInt(40) - 20;
                int r = (int) (128 + 100 * Math.sin(x / 37.0 + seed) * Math.cos(y / 53.0)) + n;
                int g = x * 255 / w + n;
                int b = y * 255 / h + n;
                img.setRGB(x, y, clamp(r) << 16 | clamp(g) << 8 | clamp(b));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
