package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the API on local storage (the test domain's UPLOAD_DIR, spark.uploadDir): uploads in one request and
 * resumable (tus), every refusal, who reads a private file, ranges, quotas. The S3 storage is tested on its own
 * against an S3-compatible server (spark-ejb S3FileStorageTest); this domain has one configuration.
 * Limits of the test domain: MAX_FILE_SIZE 1 MiB, MAX_LESSON_MEDIA_SIZE 4 MiB, STUDENT_STORAGE_QUOTA 2 MiB.
 */
@ExtendWith(ArquillianExtension.class)
class FileUploadIT extends DeployedEar {

    private static final Path UPLOAD_DIR = Path.of(System.getProperty("spark.uploadDir", "target/uploads"));
    private static Fixtures.Member student;
    private static Fixtures.Member classmate;
    private static Fixtures.Member teacher;
    private static Fixtures.Member otherTeacher;
    private static Fixtures.Member schoolAdmin;
    private static Fixtures.Member guardian;
    private static Fixtures.Member stranger;

    @BeforeAll
    static void aSchool() {
        String school = Fixtures.newSchool();
        teacher = Fixtures.newTeacher(school);
        otherTeacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.newClass(school, otherTeacher);
        student = Fixtures.newStudent(school);
        classmate = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, student);
        Fixtures.enrol(classId, teacher, classmate);
        schoolAdmin = Fixtures.newUserWith("SCHOOL_ADMIN", school);
        guardian = Fixtures.newUserWith("GUARDIAN", null);
        Fixtures.require(Api.put("/api/v1/students/" + student.id() + "/guardians/" + guardian.id(), "", schoolAdmin.token()), 204);
        stranger = Fixtures.newStudent(Fixtures.newSchool());
    }

    @Test
    void anAnswerIsReadByItsOwnerAndTheAdultsWhoSeeTheirWorkOnly() throws Exception {
        byte[] pdf = pdf(20_000, 1);
        Api.Reply up = upload(student, pdf, "insha.pdf", "application/pdf", null);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        JsonObject file = up.json();
        assertThat(file.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(file.getString("sha256")).isEqualTo(sha256(pdf));
        assertThat(file.getJsonNumber("size").longValue()).isEqualTo(pdf.length);
        assertThat(file.getBoolean("isPublic")).isFalse();
        assertThat(up.header("Location")).endsWith("/api/v1/files/" + file.getString("id"));
        String content = file.getString("contentUrl");
        for (Fixtures.Member reader : new Fixtures.Member[]{student, teacher, schoolAdmin, guardian}) {
            HttpResponse<byte[]> r = bytes(content, reader.token(), null);
            assertThat(r.statusCode()).as(reader.username()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(pdf);
            assertThat(r.headers().firstValue("ETag")).hasValue("\"" + sha256(pdf) + "\"");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        for (Fixtures.Member other : new Fixtures.Member[]{classmate, otherTeacher, stranger}) {
            assertThat(bytes(content, other.token(), null).statusCode()).as(other.username()).isEqualTo(404);
            Api.Reply described = Api.get("/api/v1/files/" + file.getString("id"), other.token());
            assertThat(described.status()).isEqualTo(404);
            assertThat(described.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(bytes(content, null, null).statusCode()).isEqualTo(404);
        assertThat(Api.get("/api/v1/files/" + file.getString("id"), teacher.token()).json().getString("name")).isEqualTo("insha.pdf");
    }

    @Test
    void namesAreShownSanitizedAndNeverUsedToStore() throws Exception {
        String[][] cases = {
                {"../../etc/passwd", "passwd"},
                {"%2e%2e%2f%2e%2e%2fetc%2fshadow", "shadow"},
                {"kazi\u202Efdp.exe", "kazifdp.exe"},
        };
        int i = 0;
        for (String[] c : cases) {
            Api.Reply up = upload(student, pdf(1_000, 100 + i++), c[0], "application/pdf", null);
            assertThat(up.status()).as(c[0] + ": " + up).isEqualTo(201);
            assertThat(up.json().getString("name")).isEqualTo(c[1]);
        }
        // a NUL cannot reach the server in a URL (the container refuses the request line), but it can in tus metadata
        byte[] pdf = pdf(2_000, 300);
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(pdf.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("../ripoti\u0000.php\u0000.pdf".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        Api.Reply done = patch(URI.create(created.header("Location")).getPath(), pdf, 0, pdf.length, 0);
        assertThat(Api.get("/api/v1/files/" + done.header("Spark-File-Id"), student.token()).json().getString("name")).isEqualTo("ripoti.php.pdf");
        // a 10,000-character name does not fit a request line: refused before anything is read; a long one is cut
        // (the container answers 400 and closes the connection, or resets it while the client is still sending the body)
        String query = "?name=" + "a".repeat(10_000) + ".pdf";
        try {
            Api.Reply tooLong = Api.sendAlone(Api.request("/api/v1/files" + query, student.token()).header("Content-Type", "application/pdf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pdf(1_000, 200))).build());
            assertThat(tooLong.status()).isEqualTo(400);
        } catch (IllegalStateException closedBeforeAnswer) {
            assertThat(closedBeforeAnswer).hasCauseInstanceOf(IOException.class);
        }
        Api.Reply longName = upload(student, pdf(1_000, 201), "a".repeat(3_000) + ".pdf", "application/pdf", null);
        assertThat(longName.status()).as(longName.toString()).isEqualTo(201);
        assertThat(longName.json().getString("name")).hasSize(120).endsWith(".pdf");
        // nothing under the upload folder is named by a client
        try (Stream<Path> all = Files.walk(UPLOAD_DIR)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("passwd") || n.contains("shadow") || n.contains("ripoti") || n.startsWith("aaaa"));
        }
        assertThat(Path.of("/etc/passwd")).exists();
    }

    @Test
    void aScriptNamedPhotoJpgAndSentAsAJpegIsRefused() {
        byte[] php = "<?php system($_GET['c']); ?>\n".getBytes(StandardCharsets.US_ASCII);
        Api.Reply r = upload(student, php, "photo.jpg", "image/jpeg", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(415);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().getString("type")).endsWith("/file-type-not-allowed");
        assertThat(r.json().getString("detail")).contains("text/x-php");
        // audio is lesson media, not an answer
        assertThat(upload(student, mp3(5_000), "song.mp3", "audio/mpeg", null).status()).isEqualTo(415);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // announced: 2 GB, of which a few kilobytes are sent; the answer comes at once and the connection is closed
        URI base = URI.create(Api.BASE);
        long started = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/files?name=big.pdf HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + student.token()
                    + "\r\nX-Forwarded-For: " + Api.freshAddress() + "\r\nContent-Type: application/pdf\r\nContent-Length: 2147483648\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(pdf(8_000, 7));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json").containsIgnoringCase("connection: close");
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);

        // not announced (chunked): the server stops reading past the limit
        String answer = raw("POST /api/v1/files?name=big.pdf", student, "Content-Type: application/pdf\r\nTransfer-Encoding: chunked", pdf(3_000_000, 8), true);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("file-too-large");

        // a teacher's lesson media may be larger, up to its own limit
        assertThat(upload(teacher, mp3(1_500_000), "wimbo.mp3", "audio/mpeg", "LESSON_MEDIA").status()).isEqualTo(201);
        byte[] film = mp3(5_000_000);
        assertThat(raw("POST /api/v1/files?name=film.mp3&purpose=LESSON_MEDIA", teacher, "Content-Type: audio/mpeg\r\nContent-Length: " + film.length, film, false))
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void theSameContentIsStoredOnce() throws Exception {
        byte[] pdf = pdf(30_000, 42);
        JsonObject first = upload(student, pdf, "a.pdf", "application/pdf", null).json();
        Api.Reply again = upload(student, pdf, "a-again.pdf", "application/pdf", null);
        assertThat(again.status()).as("a retried upload finds its file").isEqualTo(200);
        assertThat(again.json().getString("id")).isEqualTo(first.getString("id"));
        Api.Reply other = upload(classmate, pdf, "b.pdf", "application/pdf", null);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().getString("id")).isNotEqualTo(first.getString("id"));
        String hash = sha256(pdf);
        assertThat(other.json().getString("sha256")).isEqualTo(hash);
        try (Stream<Path> all = Files.walk(UPLOAD_DIR)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals(hash)).toList()).hasSize(1);
        }
        assertThat(UPLOAD_DIR.resolve("blobs/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash)).hasBinaryContent(pdf);
    }

    @Test
    void rangesAreServed() throws Exception {
        byte[] pdf = pdf(50_000, 9);
        String content = upload(student, pdf, "r.pdf", "application/pdf", null).json().getString("contentUrl");
        HttpResponse<byte[]> part = bytes(content, student.token(), "bytes=100-1099");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + pdf.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(pdf, 100, 1100));
        HttpResponse<byte[]> tail = bytes(content, student.token(), "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 10, pdf.length));
        HttpResponse<byte[]> open = bytes(content, student.token(), "bytes=49990-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(pdf, 49_990, pdf.length));
        HttpResponse<byte[]> past = bytes(content, student.token(), "bytes=" + pdf.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + pdf.length);
        assertThat(past.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void lessonMediaIsPublicAndCachedForever() throws Exception {
        byte[] audio = mp3(40_000);
        Api.Reply up = upload(teacher, audio, "somo.mp3", "application/octet-stream", "LESSON_MEDIA");
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        String content = up.json().getString("contentUrl");
        HttpResponse<byte[]> r = bytes(content, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(audio);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = Api.sendBytes(Api.request(content, null).header("If-None-Match", etag).GET().build());
        assertThat(again.statusCode()).isEqualTo(304);
        Api.Reply byStudent = upload(student, mp3(1_000), "x.mp3", "audio/mpeg", "LESSON_MEDIA");
        assertThat(byStudent.status()).isEqualTo(403);
    }

    @Test
    void aPhotoLosesWhereItWasTaken() throws Exception {
        byte[] photo = photoWithLocation();
        Api.Reply up = upload(student, photo, "ukurasa.jpg", "image/jpeg", null);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        byte[] stored = bytes(up.json().getString("contentUrl"), student.token(), null).body();
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains(GPS);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(GPS);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stored)).getWidth()).isEqualTo(64);
    }

    @Test
    void aFullQuotaIsRefused() {
        Fixtures.Member s = Fixtures.newStudent(null);
        assertThat(upload(s, pdf(800_000, 11), "1.pdf", "application/pdf", null).status()).isEqualTo(201);
        assertThat(upload(s, pdf(800_000, 12), "2.pdf", "application/pdf", null).status()).isEqualTo(201);
        Api.Reply full = upload(s, pdf(800_000, 13), "3.pdf", "application/pdf", null);
        assertThat(full.status()).as(full.toString()).isEqualTo(413);
        assertThat(full.json().getString("type")).endsWith("/quota-exceeded");
        assertThat(full.json().getString("detail")).contains("2097152");
        // resumable uploads are checked when created
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", s.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "800000").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.status()).isEqualTo(413);
    }

    @Test
    void anUploadCutInTheMiddleContinuesFromTheLastByteTheServerHolds() throws Exception {
        Api.Reply options = Api.send(Api.request("/api/v1/files/uploads", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Tus-Version")).isEqualTo("1.0.0");
        assertThat(options.header("Tus-Extension")).contains("creation", "expiration", "termination");

        byte[] pdf = pdf(600_000, 77);
        String meta = "filename " + Base64.getEncoder().encodeToString("kazi ya nyumbani.pdf".getBytes(StandardCharsets.UTF_8));
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(pdf.length)).header("Upload-Metadata", meta).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Upload-Expires")).isNotBlank();
        String location = URI.create(created.header("Location")).getPath();

        // the link drops after 250 000 of 600 000 bytes
        URI base = URI.create(Api.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + student.token()
                    + "\r\nX-Forwarded-For: " + Api.freshAddress() + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + pdf.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(pdf, 0, 250_000);
            out.flush();
            Thread.sleep(300);
            socket.setSoLinger(true, 0); // a reset, as when a phone loses its signal
        }
        long held = heldOffset(location);
        assertThat(held).isPositive().isLessThanOrEqualTo(250_000);

        // sending from the wrong offset is refused
        Api.Reply wrong = patch(location, pdf, 0, 10, 0);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(409);
        // without the protocol's header: 412
        Api.Reply noTus = Api.send(Api.request(location, student.token()).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", String.valueOf(held)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build());
        assertThat(noTus.status()).isEqualTo(412);

        // someone else's upload does not exist for them
        assertThat(Api.get(location, classmate.token()).status()).isEqualTo(404);

        Api.Reply rest = patch(location, pdf, (int) held, pdf.length - (int) held, held);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(204);
        assertThat(rest.header("Upload-Offset")).isEqualTo(String.valueOf(pdf.length));
        String fileId = rest.header("Spark-File-Id");
        assertThat(fileId).isNotBlank();
        JsonObject file = Api.get("/api/v1/files/" + fileId, student.token()).json();
        assertThat(file.getString("name")).isEqualTo("kazi ya nyumbani.pdf");
        assertThat(file.getString("sha256")).isEqualTo(sha256(pdf));
        assertThat(bytes(file.getString("contentUrl"), student.token(), null).body()).isEqualTo(pdf);
        assertThat(Api.get(location, student.token()).json().getString("fileId")).isEqualTo(fileId);
        // its parts are gone
        assertThat(UPLOAD_DIR.resolve("partial/" + location.substring(location.lastIndexOf('/') + 1))).doesNotExist();
    }

    @Test
    void aResumableUploadIsCheckedAsAnyUpload() {
        byte[] php = "<?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII);
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(php.length)).POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = URI.create(created.header("Location")).getPath();
        assertThat(patch(location, php, 0, php.length, 0).status()).isEqualTo(415);
        assertThat(Api.get(location, student.token()).status()).isEqualTo(404);
        Api.Reply tooLong = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "5000000").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(tooLong.status()).isEqualTo(413);
    }

    @Test
    void anUploadLeftAlonePastItsExpiryIsGone() throws Exception {
        byte[] pdf = pdf(3_000, 500);
        Api.Reply created = Api.send(Api.request("/api/v1/files/uploads", student.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(pdf.length)).POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = URI.create(created.header("Location")).getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        Api.Reply first = patch(location, pdf, 0, 1_000, 0);
        assertThat(first.status()).isEqualTo(204);
        assertThat(first.header("Upload-Offset")).isEqualTo("1000");
        assertThat(first.header("Upload-Expires")).isNotBlank();
        assertThat(UPLOAD_DIR.resolve("partial/" + id)).isDirectory();
        try (var db = Fixtures.database(); var st = db.prepareStatement("UPDATE file_uploads SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            st.setObject(1, java.util.UUID.fromString(id));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        Api.Reply late = patch(location, pdf, 1_000, pdf.length - 1_000, 1_000);
        assertThat(late.status()).as(late.toString()).isEqualTo(410);
        assertThat(Api.get(location, student.token()).status()).isEqualTo(404);
        assertThat(UPLOAD_DIR.resolve("partial/" + id)).doesNotExist();
    }

    // --- helpers ---

    /**
     * Sends a request over a socket of its own, writing the body from another thread (the server may answer and close
     * before it is all sent), and returns what the server answered.
     */
    private static String raw(String requestLine, Fixtures.Member who, String headers, byte[] body, boolean chunked) throws Exception {
        URI base = URI.create(Api.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + who.token() + "\r\nX-Forwarded-For: "
                    + Api.freshAddress() + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    for (int at = 0; at < body.length; at += 16_384) {
                        int n = Math.min(16_384, body.length - at);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, at, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException refused) {
                    // the server answered and closed: what matters is its answer
                }
            });
            writer.start();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the answer
            }
            writer.join(20_000);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static long heldOffset(String location) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            Api.Reply head = Api.send(Api.request(location, student.token()).header("Tus-Resumable", "1.0.0")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Cache-Control")).isEqualTo("no-store");
            long offset = Long.parseLong(head.header("Upload-Offset"));
            if (offset > 0 && offset == last) {
                return offset;
            }
            last = offset;
            Thread.sleep(200);
        }
        return last;
    }

    private static Api.Reply patch(String location, byte[] all, int from, int length, long offset) {
        return Api.send(Api.request(location, student.token()).header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(all, from, length)).build());
    }

    static Api.Reply upload(Fixtures.Member who, byte[] body, String name, String type, String purpose) {
        String query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + (purpose == null ? "" : "&purpose=" + purpose);
        return Api.send(Api.request("/api/v1/files" + query, who.token()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<byte[]> bytes(String path, String token, String range) {
        HttpRequest.Builder b = Api.request(path, token);
        if (range != null) {
            b.header("Range", range);
        }
        return Api.sendBytes(b.GET().build());
    }

    /** A PDF of about {@code size} bytes whose body is random (seeded): distinct seeds, distinct files. */
    static byte[] pdf(int size, long seed) {
        byte[] head = "%PDF-1.4\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[Math.max(0, size - head.length)];
        new Random(seed).nextBytes(body);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] mp3(int size) {
        byte[] audio = new byte[size];
        byte[] id3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        System.arraycopy(id3, 0, audio, 0, id3.length);
        for (int i = 10; i < size; i++) {
            audio[i] = (byte) (i * 31 + size);
        }
        return audio;
    }

    private static final String GPS = "GPSLatitude-1.2921S-36.8219E";

    /** A JPEG whose Exif names where it was taken. */
    static byte[] photoWithLocation() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        byte[] jpeg = out.toByteArray();
        byte[] gps = GPS.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + gps.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(gps.length).putInt(8 + 2 + 12 + 4).putInt(0).put(gps);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        byte[] app1 = concat(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)}, exif);
        return concat(new byte[]{jpeg[0], jpeg[1]}, app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
