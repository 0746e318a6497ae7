package org.projectspark.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /ws/notifications with a real WebSocket client: who may connect, live delivery of notifications raised through the
 * REST API (on this instance and on a second one of the domain), catch-up after a reconnect, token renewal and expiry,
 * heartbeats, bounds and bad input. The test domain runs with short socket bounds (spark-it/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class NotificationSocketIT extends DeployedEar {

    private static final String SECRET = System.getProperty("spark.jwtSecret");
    private static final String WEB_CLIENT = "http://localhost:5173";
    private static final Duration SHORTLY = Duration.ofSeconds(10);
    private static PeerInstance peer;

    /** A teacher's class with one student in it: the teacher's messages are the student's notifications. */
    private record Room(Fixtures.Member teacher, Fixtures.Member student, String classId) {
        static Room create() {
            String school = Fixtures.newSchool();
            Fixtures.Member teacher = Fixtures.newTeacher(school);
            String classId = Fixtures.newClass(school, teacher);
            Fixtures.Member student = Fixtures.newStudent(school);
            Fixtures.enrol(classId, teacher, student);
            return new Room(teacher, student, classId);
        }

        void message(String text) {
            Fixtures.require(Api.post(path(), "{\"text\":\"" + text + "\"}", teacher.token()), 200);
        }

        String path() {
            return "/api/v1/classes/" + classId + "/messages";
        }
    }

    @AfterAll
    static void removePeer() {
        if (peer != null) {
            peer.close();
        }
    }

    // --- who may connect -------------------------------------------------------------------------------------------

    @Test
    void aValidTokenInTheHandshakeIsAcceptedAndTheServerSelectsSparkV1() {
        Fixtures.Member s = Fixtures.Member.of(Api.newStudent());
        try (SocketClient c = SocketClient.open(Api.BASE, s.token(), WEB_CLIENT)) {
            assertThat(c.subprotocol()).isEqualTo("spark.v1");
            JsonObject ready = c.next("ready", SHORTLY);
            assertThat(ready.getString("userId")).isEqualTo(s.id());
            assertThat(ready.getInt("maxMessageBytes")).isEqualTo(8192);
            assertThat(ready.getInt("pingIntervalSeconds")).isEqualTo(2);
        }
    }

    @Test
    void badTokensAreRefusedAtTheHandshake() throws Exception {
        JsonObject login = Api.newStudent();
        assertThat(SocketClient.refusal(Api.BASE, "not-a-token", null)).isEqualTo(401);
        assertThat(SocketClient.refusal(Api.BASE, sign(claimsOf(login, Instant.now().minusSeconds(300)).build(), SECRET), null)).isEqualTo(401);
        assertThat(SocketClient.refusal(Api.BASE, sign(claimsOf(login, Instant.now().plusSeconds(600)).build(),
                "an-attacker-secret-that-is-long-enough-0123456789"), null)).isEqualTo(401);
    }

    @Test
    void aSignedOutSessionIsRefusedBothWays() {
        Fixtures.Member s = Fixtures.Member.of(Api.newStudent());
        Fixtures.require(Api.post("/api/v1/auth/logout", "", s.token()), 204);
        assertThat(SocketClient.refusal(Api.BASE, s.token(), null)).isEqualTo(401);
        try (SocketClient c = SocketClient.anonymous(Api.BASE)) {
            c.send("{\"type\":\"auth\",\"token\":\"" + s.token() + "\"}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("unauthorized");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(4401);
        }
    }

    @Test
    void aSocketOpenWhenItsSessionIsSignedOutIsClosed() {
        Fixtures.Member s = Fixtures.Member.of(Api.newStudent());
        try (SocketClient c = SocketClient.withToken(Api.BASE, s.token())) {
            c.next("ready", SHORTLY);
            Fixtures.require(Api.post("/api/v1/auth/logout", "", s.token()), 204);
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("session-ended");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(4401);
        }
    }

    @Test
    void aForeignOriginIsRefusedAndNoOriginIsAccepted() {
        String token = Api.newStudent().getString("accessToken");
        assertThat(SocketClient.refusal(Api.BASE, token, "https://evil.example")).isEqualTo(403);
        assertThat(SocketClient.refusal(Api.BASE, null, "https://evil.example")).isEqualTo(403);
        assertThat(SocketClient.refusal(Api.BASE, token, WEB_CLIENT)).isEqualTo(101);
        assertThat(SocketClient.refusal(Api.BASE, token, null)).isEqualTo(101);
    }

    @Test
    void theHandshakeRefusalsAreProblemDocuments() {
        long started = System.nanoTime();
        Api.Reply plain = Api.get(SocketClient.PATH, null);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().getString("type")).endsWith("/bad-handshake");
        assertThat(plain.header("Content-Type")).startsWith("application/problem+json");
        HttpRequest foreign = HttpRequest.newBuilder(URI.create(Api.BASE + SocketClient.PATH)).header("Origin", "https://evil.example")
                .header("X-Forwarded-For", Api.freshAddress()).GET().build();
        Api.Reply refused = Api.send(foreign);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("type")).endsWith("/forbidden-origin");
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answers that end").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withoutAuthenticationTheSocketIsClosedAfterTheBound() {
        try (SocketClient c = SocketClient.anonymous(Api.BASE)) {
            c.send("{\"type\":\"ping\"}");
            assertThat(c.next("pong", SHORTLY)).isNotNull();
            c.send("{\"type\":\"resume\",\"after\":0}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("not-authenticated");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("auth-timeout");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(4408);
        }
    }

    // --- live delivery ---------------------------------------------------------------------------------------------

    @Test
    void aTeachersMessageReachesEveryDeviceOfTheStudentWithinASecond() {
        Room room = Room.create();
        try (SocketClient phone = SocketClient.withToken(Api.BASE, room.student().token());
             SocketClient browser = SocketClient.open(Api.BASE, null, WEB_CLIENT)) {
            phone.next("ready", SHORTLY);
            browser.send("{\"type\":\"auth\",\"token\":\"" + room.student().token() + "\"}");
            browser.next("ready", SHORTLY);

            room.message("Homework: page 12");
            long sent = System.nanoTime();
            JsonObject onPhone = phone.next("notification", SHORTLY).getJsonObject("notification");
            JsonObject inBrowser = browser.next("notification", SHORTLY).getJsonObject("notification");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));

            assertThat(onPhone).isEqualTo(inBrowser);
            assertThat(onPhone.getString("kind")).isEqualTo("TEACHER_MESSAGE");
            assertThat(onPhone.getString("body")).contains("Homework: page 12");
            assertThat(onPhone.getJsonObject("data").getString("classId")).isEqualTo(room.classId());
            // the REST list says the same of it
            JsonObject listed = Api.get("/api/v1/notifications", room.student().token()).json().getJsonArray("items").getJsonObject(0);
            for (String field : List.of("id", "seq", "kind", "title", "body", "data", "read", "createdAt")) {
                assertThat(onPhone.get(field)).as(field).isEqualTo(listed.get(field));
            }
        }
    }

    @Test
    void anotherUsersNotificationIsNotSent() {
        Room room = Room.create();
        Fixtures.Member other = Fixtures.Member.of(Api.newStudent());
        try (SocketClient c = SocketClient.withToken(Api.BASE, other.token())) {
            c.next("ready", SHORTLY);
            room.message("Only for the class");
            assertThat(c.quietFor(Duration.ofSeconds(2), "notification")).isTrue();
        }
    }

    // --- catch-up --------------------------------------------------------------------------------------------------

    @Test
    void aReconnectingClientGetsWhatItMissedInOrderThenLiveOnes() {
        Room room = Room.create();
        long seen;
        try (SocketClient c = SocketClient.withToken(Api.BASE, room.student().token())) {
            c.next("ready", SHORTLY);
            room.message("first");
            seen = c.next("notification", SHORTLY).getJsonObject("notification").getJsonNumber("seq").longValue();
        }
        room.message("second");
        room.message("third");
        room.message("fourth");
        try (SocketClient c = SocketClient.anonymous(Api.BASE)) {
            c.send("{\"type\":\"auth\",\"token\":\"" + room.student().token() + "\",\"after\":" + seen + "}");
            c.next("ready", SHORTLY);
            List<JsonObject> got = c.untilCaughtUp(SHORTLY);
            assertThat(got).hasSize(4);
            assertThat(got.subList(0, 3)).extracting(m -> m.getJsonObject("notification").getString("body"))
                    .satisfiesExactly(b -> assertThat(b).contains("second"), b -> assertThat(b).contains("third"), b -> assertThat(b).contains("fourth"));
            List<Long> seqs = got.subList(0, 3).stream().map(m -> m.getJsonObject("notification").getJsonNumber("seq").longValue()).toList();
            assertThat(seqs).isSorted().allMatch(s -> s > seen);
            JsonObject caughtUp = got.get(3);
            assertThat(caughtUp.getBoolean("more")).isFalse();
            assertThat(caughtUp.getJsonNumber("last").longValue()).isEqualTo(seqs.get(2));

            room.message("fifth, live");
            assertThat(c.next("notification", SHORTLY).getJsonObject("notification").getString("body")).contains("fifth");
            // asking again on the same connection sends nothing twice
            c.send("{\"type\":\"resume\",\"after\":" + seen + "}");
            assertThat(c.untilCaughtUp(SHORTLY)).hasSize(1);
        }
    }

    @Test
    void aLongAbsenceIsCaughtUpPageByPageAndLiveOnesDuringItComeOnceAndInOrder() throws Exception {
        Room room = Room.create();
        UUID student = UUID.fromString(room.student().id());
        try (Connection db = Fixtures.database(); PreparedStatement ps = db.prepareStatement(
                "INSERT INTO user_notifications (id, user_id, kind, natural_key, locale, title, body, data) VALUES (?, ?, 'TEACHER_MESSAGE', ?, 'en', ?, ?, '{}')")) {
            for (int i = 1; i <= 150; i++) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, student);
                ps.setString(3, "it-backlog:" + i);
                ps.setString(4, "Backlog " + i);
                ps.setString(5, "backlog " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (SocketClient c = SocketClient.withToken(Api.BASE, room.student().token())) {
            c.next("ready", SHORTLY);
            // live ones raised while the catch-up runs
            CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= 5; i++) {
                    room.message("live " + i);
                }
            });
            c.send("{\"type\":\"resume\",\"after\":0}");
            List<Long> seqs = new ArrayList<>();
            int pages = 0;
            while (true) {
                List<JsonObject> page = c.untilCaughtUp(SHORTLY);
                pages++;
                page.subList(0, page.size() - 1).forEach(m -> seqs.add(m.getJsonObject("notification").getJsonNumber("seq").longValue()));
                JsonObject caughtUp = page.get(page.size() - 1);
                if (!caughtUp.getBoolean("more")) {
                    break;
                }
                c.send("{\"type\":\"resume\",\"after\":" + caughtUp.getJsonNumber("last").longValue() + "}");
            }
            live.get();
            // whatever of the live ones was not sent with the catch-up comes live, after it
            long until = System.nanoTime() + SHORTLY.toNanos();
            while (seqs.size() < 155 && System.nanoTime() < until) {
                seqs.add(c.next("notification", SHORTLY).getJsonObject("notification").getJsonNumber("seq").longValue());
            }
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(seqs).hasSize(155).doesNotHaveDuplicates().isSorted();
            assertThat(c.quietFor(Duration.ofSeconds(1), "notification")).isTrue();
        }
    }

    // --- renewal and expiry ----------------------------------------------------------------------------------------

    @Test
    void aRenewedTokenKeepsTheSocketOpenPastTheFirstOnesExpiry() throws Exception {
        JsonObject login = Api.newStudent();
        String shortLived = sign(claimsOf(login, Instant.now().plusSeconds(4)).build(), SECRET);
        try (SocketClient c = SocketClient.withToken(Api.BASE, shortLived)) {
            JsonObject ready = c.next("ready", SHORTLY);
            assertThat(c.next("expiring", SHORTLY).getString("expiresAt")).isEqualTo(ready.getString("expiresAt"));
            c.send("{\"type\":\"renew\",\"token\":\"" + login.getString("accessToken") + "\"}");
            JsonObject renewed = c.next("renewed", SHORTLY);
            assertThat(Instant.parse(renewed.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(600));
            Thread.sleep(6000);
            c.send("{\"type\":\"ping\"}");
            assertThat(c.next("pong", SHORTLY)).isNotNull();
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void anUnrenewedTokenClosesTheSocketWhenItExpires() throws Exception {
        JsonObject login = Api.newStudent();
        String shortLived = sign(claimsOf(login, Instant.now().plusSeconds(3)).build(), SECRET);
        try (SocketClient c = SocketClient.withToken(Api.BASE, shortLived)) {
            c.next("ready", SHORTLY);
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("token-expired");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(4401);
        }
    }

    @Test
    void aRenewalMustBeForTheSameUser() {
        Fixtures.Member s = Fixtures.Member.of(Api.newStudent());
        Fixtures.Member other = Fixtures.Member.of(Api.newStudent());
        try (SocketClient c = SocketClient.withToken(Api.BASE, s.token())) {
            c.next("ready", SHORTLY);
            c.send("{\"type\":\"renew\",\"token\":\"not-a-token\"}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("invalid-token");
            c.send("{\"type\":\"renew\",\"token\":\"" + other.token() + "\"}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("forbidden");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(4403);
        }
    }

    // --- heartbeats and bounds -------------------------------------------------------------------------------------

    @Test
    void aClientThatDoesNotAnswerPingsIsDropped() throws Exception {
        String token = Api.newStudent().getString("accessToken");
        URI base = URI.create(Api.BASE);
        try (Socket raw = new Socket(base.getHost(), base.getPort())) {
            raw.setSoTimeout(15_000);
            OutputStream out = raw.getOutputStream();
            out.write(handshake(base, token));
            out.flush();
            InputStream in = raw.getInputStream();
            assertThat(headers(in)).startsWith("HTTP/1.1 101");
            long start = System.nanoTime();
            boolean pinged = false;
            int closeCode = 0;
            while (true) {
                int[] frame = frame(in);
                if (frame == null) {
                    break;
                }
                if (frame[0] == 0x9) {
                    pinged = true; // not answered
                } else if (frame[0] == 0x8) {
                    closeCode = frame[1];
                    break;
                }
            }
            assertThat(pinged).isTrue();
            assertThat(closeCode).isEqualTo(1001);
            // pinged every 2 s, closed 2 s after an unanswered one
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutHoldingTheServer() throws Exception {
        double before = dropped("slow") + dropped("write-failed");
        String token = Api.newStudent().getString("accessToken");
        URI base = URI.create(Api.BASE);
        try (Socket raw = new Socket()) {
            raw.setReceiveBufferSize(4096); // reads nothing: the server's writes back up at once
            raw.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            raw.setSoTimeout(15_000);
            OutputStream out = raw.getOutputStream();
            out.write(handshake(base, token));
            out.flush();
            assertThat(headers(raw.getInputStream())).startsWith("HTTP/1.1 101");
            // pings the server must answer, and now and then a pong of its own so the heartbeat does not end it first
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20_000; i++) {
                batch.write(new byte[] {(byte) 0x81, (byte) (0x80 | ping.length), 0, 0, 0, 0});
                batch.write(ping);
            }
            batch.write(new byte[] {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0});
            // written from a thread of its own: a socket write has no timeout, and closing the socket ends it
            byte[] frames = batch.toByteArray();
            Thread writer = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write(frames);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // dropped by the server, or closed by the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            long started = System.nanoTime();
            long until = started + Duration.ofSeconds(30).toNanos();
            while (dropped("slow") + dropped("write-failed") <= before && System.nanoTime() < until) {
                Thread.sleep(500);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("dropped while the client still writes").isLessThan(Duration.ofSeconds(20));
            writer.interrupt();
            raw.close();
            writer.join(10_000);
        }
        assertThat(dropped("slow") + dropped("write-failed")).isGreaterThan(before);
        // and the server still serves others
        try (SocketClient c = SocketClient.withToken(Api.BASE, token)) {
            c.next("ready", SHORTLY);
        }
    }

    @Test
    void oneConnectionTooManyClosesTheUsersOldest() {
        Room room = Room.create();
        List<SocketClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // the test domain allows 3 per user
                SocketClient c = SocketClient.withToken(Api.BASE, room.student().token());
                c.next("ready", SHORTLY);
                clients.add(c);
            }
            assertThat(clients.get(0).next("error", SHORTLY).getString("code")).isEqualTo("replaced");
            assertThat(clients.get(0).awaitClose(SHORTLY).code()).isEqualTo(4409);
            room.message("to the three left");
            for (SocketClient c : clients.subList(1, 4)) {
                assertThat(c.next("notification", SHORTLY).getJsonObject("notification").getString("body")).contains("three left");
            }
        } finally {
            clients.forEach(SocketClient::close);
        }
    }

    // --- bad input -------------------------------------------------------------------------------------------------

    @Test
    void badMessagesAreAnsweredWithAnErrorAndTheSocketStaysOpen() {
        String token = Api.newStudent().getString("accessToken");
        try (SocketClient c = SocketClient.withToken(Api.BASE, token)) {
            c.next("ready", SHORTLY);
            c.send("this is not JSON");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("malformed");
            c.send("[1,2,3]");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("malformed");
            c.send("{\"type\":42}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("bad-message");
            c.send("{\"type\":\"subscribe\",\"topic\":\"everything\"}");
            JsonObject unknown = c.next("error", SHORTLY);
            assertThat(unknown.getString("code")).isEqualTo("unknown-type");
            assertThat(unknown.getString("message")).contains("subscribe");
            c.send("{\"type\":\"resume\",\"after\":-5}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("bad-message");
            c.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("already-authenticated");
            c.send("{\"type\":\"ping\"}");
            assertThat(c.next("pong", SHORTLY)).isNotNull();
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void aHugeMessageClosesWith1009AndBinaryWith1003() {
        String token = Api.newStudent().getString("accessToken");
        try (SocketClient c = SocketClient.withToken(Api.BASE, token)) {
            c.next("ready", SHORTLY);
            c.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(1009);
        }
        try (SocketClient c = SocketClient.withToken(Api.BASE, token)) {
            c.next("ready", SHORTLY);
            c.sendBinary(new byte[] {1, 2, 3});
            assertThat(c.next("error", SHORTLY).getString("code")).isEqualTo("binary");
            assertThat(c.awaitClose(SHORTLY).code()).isEqualTo(1003);
        }
    }

    @Test
    void theInstanceCountsConnectionsAndMessages() {
        Room room = Room.create();
        try (SocketClient c = SocketClient.withToken(Api.BASE, room.student().token())) {
            c.next("ready", SHORTLY);
            room.message("counted");
            c.next("notification", SHORTLY);
            String metrics = Api.get("/metrics?scope=application", null).body();
            assertThat(metrics).contains("websocket_connections").contains("websocket_messages_sent_total")
                    .contains("websocket_messages_dropped_total");
            assertThat(value(metrics, "websocket_messages_sent_total")).isGreaterThanOrEqualTo(2);
            assertThat(value(metrics, "websocket_connections{")).isGreaterThanOrEqualTo(1);
        }
    }

    // --- across instances ------------------------------------------------------------------------------------------

    @Test
    void aNotificationRaisedOnOneInstanceReachesASocketOnTheOther() {
        peer = PeerInstance.start();
        Room room = Room.create();
        // the peer checks the token the domain's server issued: same secret, same sessions
        try (SocketClient onPeer = SocketClient.withToken(peer.baseUrl, room.student().token());
             SocketClient onServer = SocketClient.withToken(Api.BASE, room.student().token())) {
            onPeer.next("ready", SHORTLY);
            onServer.next("ready", SHORTLY);

            room.message("raised on the server");
            long sent = System.nanoTime();
            assertThat(onPeer.next("notification", SHORTLY).getJsonObject("notification").getString("body")).contains("raised on the server");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            onServer.next("notification", SHORTLY);

            Fixtures.require(Api.send(HttpRequest.newBuilder(URI.create(peer.baseUrl + room.path())).timeout(Duration.ofSeconds(30))
                    .header("X-Forwarded-For", Api.freshAddress()).header("Authorization", "Bearer " + room.teacher().token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"raised on the peer\"}"))
                    .build()), 200);
            sent = System.nanoTime();
            assertThat(onServer.next("notification", SHORTLY).getJsonObject("notification").getString("body")).contains("raised on the peer");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            // once each, on each
            assertThat(onPeer.next("notification", SHORTLY).getJsonObject("notification").getString("body")).contains("raised on the peer");
            assertThat(onPeer.quietFor(Duration.ofSeconds(1), "notification")).isTrue();
            assertThat(onServer.quietFor(Duration.ofMillis(200), "notification")).isTrue();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static JWTClaimsSet.Builder claimsOf(JsonObject login, Instant exp) {
        JsonObject user = login.getJsonObject("user");
        String[] parts = login.getString("accessToken").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String sid = payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        return new JWTClaimsSet.Builder().issuer("project-spark").subject(user.getString("id"))
                .claim("upn", user.getString("username")).claim("groups", List.of("STUDENT"))
                .claim("sid", sid).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now().minusSeconds(10))).expirationTime(Date.from(exp));
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** The first sample of a metric in Prometheus text whose line starts with {@code prefix}. */
    private static double value(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
    }

    /** A WebSocket handshake authenticated with the bearer subprotocol, for the raw-socket tests. */
    private static byte[] handshake(URI base, String token) {
        return ("GET " + SocketClient.PATH + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII)) + "\r\n"
                + "Sec-WebSocket-Protocol: spark.v1, bearer." + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** This instance's count of connections dropped for a reason (0 before the first). */
    private static double dropped(String reason) {
        String metrics = Api.get("/metrics?scope=application", null).body();
        return metrics.lines().filter(l -> l.startsWith("websocket_connections_dropped_total{") && l.contains("reason=\"" + reason + "\""))
                .findFirst().map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            String s = b.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** One server frame: {opcode, close code or 0}; null at the end of the stream. Server frames are not masked. */
    private static int[] frame(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 == -1) {
            return null;
        }
        int b1 = in.read();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) len);
        int opcode = b0 & 0x0f;
        int code = opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 0;
        return new int[] {opcode, code};
    }
}
