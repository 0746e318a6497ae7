package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a problem document with the right 4xx and a useful detail, never a 500 or a stack trace; a request
 * that meets a database gone away gets 503 with Retry-After.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorHandlingIT extends DeployedEar {

    private static JsonObject problem(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonObject p = r.json();
        assertThat(p.getInt("status")).isEqualTo(status);
        assertThat(p.getString("type")).startsWith("https://");
        assertThat(p.getString("title")).isNotBlank();
        assertThat(p.getString("detail")).isNotBlank();
        assertThat(p.getString("requestId")).isEqualTo(r.header("X-Request-Id"));
        return p;
    }

    @Test
    void malformedJsonIs400() {
        JsonObject p = problem(Api.post("/api/v1/auth/login", "{\"username\": ", null), 400);
        assertThat(p.getString("detail")).contains("not valid JSON");
    }

    @Test
    void missingFieldsAre400WithEachFieldNamed() {
        JsonObject p = problem(Api.post("/api/v1/auth/register", "{\"username\":\"ab\"}", null), 400);
        assertThat(p.getJsonArray("errors").toString()).contains("\"field\":\"username\"", "\"field\":\"password\"", "\"field\":\"displayName\"");
    }

    @Test
    void wrongTypesAre400() {
        problem(Api.post("/api/v1/auth/register", "{\"username\":[1,2],\"password\":{},\"displayName\":true}", null), 400);
    }

    @Test
    void anEmptyBodyIs400() {
        JsonObject p = problem(Api.post("/api/v1/auth/login", "", null), 400);
        assertThat(p.getString("detail")).contains("body");
    }

    @Test
    void aBadEmailAndLocaleAre400() {
        JsonObject p = problem(Api.post("/api/v1/auth/register",
                "{\"username\":\"" + Api.uniqueName("x") + "\",\"password\":\"a good password\",\"displayName\":\"X\",\"email\":\"not-an-email\",\"locale\":\"english please\"}", null), 400);
        assertThat(p.getString("detail")).contains("email", "locale");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Api.Reply r = Api.send(Api.request("/api/v1/auth/login", null).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build());
        problem(r, 415);
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"username\":\"" + "x".repeat(70_000) + "\",\"password\":\"p\"}";
        // a well-behaved client asks before sending a large body (curl does by default)
        Api.Reply r = Api.send(Api.request("/api/v1/auth/login", null).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)).build());
        assertThat(problem(r, 413).getString("detail")).contains("65536 bytes");
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() {
        problem(Api.get("/api/v1/no-such-thing", null), 404);
        problem(Api.get("/api/v1/auth/login", null), 405);
    }

    private static void namesTheField(JsonObject problem, String field, String expected) {
        assertThat(problem.getString("type")).endsWith("/validation");
        assertThat(problem.getJsonArray("errors").toString()).contains("\"field\":\"" + field + "\"");
        assertThat(problem.getString("detail")).contains(field, expected).doesNotContain("class ", "interface ", "java.");
    }

    @Test
    void numbersInBodiesAreStrictNeverWrappedNeverReadFromText() {
        String token = Api.newStudent().getString("accessToken");
        String progress = "/api/v1/activities/" + java.util.UUID.randomUUID() + "/progress";
        namesTheField(problem(Api.put(progress, "{\"percent\": 1000000000000}", token), 400), "percent", "whole number from 0 to 100");
        namesTheField(problem(Api.put(progress, "{\"percent\": \"50\"}", token), 400), "percent", "whole number");
        namesTheField(problem(Api.put(progress, "{\"percent\": 50.5}", token), 400), "percent", "whole number");
        namesTheField(problem(Api.post("/api/v1/auth/refresh", "{\"refreshToken\": 12345}", null), 400), "refreshToken", "text");
        namesTheField(problem(Api.post("/api/v1/auth/login", "{\"username\": \"a\", \"password\": \"b\", \"roles\": [\"ADMIN\"]}", null), 400),
                "roles", "not a field");
    }

    @Test
    void queryAndPathValuesThatDoNotParseAre400NamingTheParameter() {
        String token = Api.newStudent().getString("accessToken");
        namesTheField(problem(Api.get("/api/v1/courses?offset=abc", token), 400), "offset", "whole number");
        namesTheField(problem(Api.get("/api/v1/courses?limit=99999999999999999999", token), 400), "limit", "whole number from 1 to 100");
        namesTheField(problem(Api.get("/api/v1/courses/not-a-uuid", token), 400), "id", "UUID");
        namesTheField(problem(Api.get("/api/v1/leaderboards/global?limit=1.5", token), 400), "limit", "whole number");
    }

    @Test
    void aSyncUploadThatIsNotJsonIsAMalformedBody() {
        String token = Api.newStudent().getString("accessToken");
        JsonObject p = problem(Api.post("/api/v1/sync/events", "this is not json", token), 400);
        assertThat(p.getString("type")).endsWith("/malformed-body");
        assertThat(p.getString("detail")).contains("not valid JSON").doesNotContain("line no=");
    }

    @Test
    void pathsOutsideTheApiAnswerProblemsAndNeverNameTheServer() {
        for (String path : List.of("/api/v1/courses/..%2F..%2Fetc%2Fpasswd", "/no-such-page", "/api/v1/%2e%2e/%2e%2e/etc/passwd")) {
            Api.Reply r = Api.get(path, null);
            assertThat(r.status()).as(path).isBetween(400, 499);
            assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(r.body()).as(path).doesNotContainIgnoringCase("payara").doesNotContainIgnoringCase("glassfish");
            assertThat(r.header("Server")).as(path).isNull();
            assertThat(r.header("X-Powered-By")).as(path).isNull();
        }
    }

    /** The status line of a 429 carries its standard reason phrase (the server's HTTP layer knows none for 429). */
    @Test
    void a429SaysTooManyRequestsOnItsStatusLine() throws Exception {
        String name = Api.uniqueName("limited");
        Api.post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"password\":\"a good password\",\"displayName\":\"L\"}", null);
        String address = Api.freshAddress();
        String body = "{\"username\":\"" + name + "\",\"password\":\"a wrong password\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(Api.postFrom(address, "/api/v1/auth/login", body).status()).isEqualTo(401);
        }
        java.net.URI base = java.net.URI.create(Api.BASE);
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Forwarded-For: " + address + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 429 Too Many Requests");
        }
    }

    @Test
    void aClientRequestIdIsEchoed() {
        Api.Reply r = Api.send(Api.request("/api/v1/users/me", null).header("X-Request-Id", "device-42-req-0001").GET().build());
        assertThat(problem(r, 401).getString("requestId")).isEqualTo("device-42-req-0001");
    }

    /**
     * PostgreSQL restarted (here: it closed every connection of the server's pools). The pool finds out on the next use,
     * and that request is answered 503 with Retry-After (nothing was changed; the client sends it again), never 500;
     * then the pool reconnects and the same request goes through.
     */
    @Test
    void requestsMeetingLostDatabaseConnectionsAre503UntilThePoolReconnects() throws Exception {
        Fixtures.Member student = Fixtures.newStudent(null);
        JsonObject reading = Fixtures.publishedLesson(student.token()).getJsonArray("activities").getJsonObject(0);
        List<Integer> answers = new ArrayList<>();
        // a connection the pool validated lately is not validated again for 30 s: one of the first tries meets a dead one
        for (int attempt = 0; attempt < 5 && !answers.contains(503); attempt++) {
            dropServerConnections();
            answers.add(expect200Or503(Fixtures.read(reading, student, 10)));
        }
        assertThat(answers).as("answers to requests made after the connections were closed").contains(503);
        for (int attempt = 0; attempt < 10 && answers.get(answers.size() - 1) != 200; attempt++) {
            answers.add(expect200Or503(Fixtures.read(reading, student, 20)));
        }
        assertThat(answers).as("the pool reconnects").endsWith(200);
    }

    private static int expect200Or503(Api.Reply r) {
        if (r.status() == 503) {
            assertThat(problem(r, 503).getString("type")).endsWith("/retry-later");
            assertThat(r.header("Retry-After")).isEqualTo("5");
        } else {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        return r.status();
    }

    private static void dropServerConnections() throws SQLException {
        try (Connection c = Fixtures.database(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name IN ('project-spark', 'project-spark-read') AND datname = current_database()"
                    + " AND pid <> pg_backend_pid()"); // only the test server's: a development server on this machine keeps its own
        }
    }
}
