package org.projectspark.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Machine translation with review on the real server, against a LibreTranslate stand-in on loopback that answers in
 * LibreTranslate's documented format ({@code {translatedText}}, errors as {@code {error}}) and records what it was
 * sent. The test domain points TRANSLATION_API_URL at it and tries a text three times, 50 ms then 100 ms apart.
 */
@ExtendWith(ArquillianExtension.class)
class TranslationIT extends DeployedEar {

    /** Answered 429 twice, then translated: retried. */
    private static final String SLOW_TEXT = "Half of 7?";
    /** Answered 500 every time: a failure recorded on the text. */
    private static final String BROKEN_TEXT = "Two halves make a whole";

    private static HttpServer standIn;
    private static final List<JsonObject> received = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTheStandIn() throws IOException {
        int port = Integer.parseInt(System.getProperty("spark.translationPort", "20555"));
        standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        standIn.createContext("/translate", TranslationIT::answer);
        standIn.start();
    }

    @AfterAll
    static void stopTheStandIn() {
        standIn.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject q = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))).readObject();
            received.add(q);
            String text = q.getString("q", "");
            int tried = tries.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            int status;
            String body;
            if (!System.getProperty("spark.translationKey").equals(q.getString("api_key", null))) {
                status = 403;
                body = Json.createObjectBuilder().add("error", "Invalid API key").build().toString();
            } else if (text.equals(SLOW_TEXT) && tried <= 2) {
                status = 429;
                body = Json.createObjectBuilder().add("error", "Slowdown: 30 per 1 minute").build().toString();
            } else if (text.equals(BROKEN_TEXT)) {
                status = 500;
                body = Json.createObjectBuilder().add("error", "Cannot translate text: out of memory").build().toString();
            } else {
                status = 200;
                body = Json.createObjectBuilder().add("translatedText", "[" + q.getString("target") + "] " + text).build().toString();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static List<String> sentTexts() {
        synchronized (received) {
            return received.stream().map(q -> q.getString("q")).toList();
        }
    }

    private static Fixtures.Member newAuthor() {
        return Fixtures.Member.of(Api.newTeacher());
    }

    /** A published course (CurriculumIT's: English with some Swahili) by its author; its id. */
    private static String publishedCourse(Fixtures.Member author) {
        Api.Reply created = Api.post("/api/v1/courses", CurriculumIT.COURSE, author.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        Fixtures.require(Api.post("/api/v1/courses/" + id + "/publish", "", author.token()), 200);
        return id;
    }

    /** Asks for a translation (202 with the job and where to poll it) and polls the job until it ends. */
    private static JsonObject translated(String courseId, String body, Fixtures.Member author) throws InterruptedException {
        Api.Reply accepted = Api.post("/api/v1/courses/" + courseId + "/translations", body, author.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).endsWith("/api/v1/translation-jobs/" + accepted.json().getString("id"));
        String path = location.substring(location.indexOf("/api/v1/"));
        for (int i = 0; i < 300; i++) {
            Api.Reply job = Api.get(path, author.token());
            assertThat(job.status()).as(job.toString()).isEqualTo(200);
            String status = job.json().getString("status");
            if (status.equals("DONE") || status.equals("FAILED")) {
                return job.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the translation job did not end in 30 s");
    }

    private static Map<String, JsonObject> textsByPath(String courseId, String locale, Fixtures.Member author) {
        Api.Reply r = Api.get("/api/v1/courses/" + courseId + "/translations/" + locale + "?limit=200", author.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(t -> t.getString("path"), t -> t));
    }

    @Test
    void draftsAreReviewedAndPublishedStudentsNeverSeeThemAndATextIsSentOnce() throws Exception {
        Fixtures.Member author = newAuthor();
        String courseId = publishedCourse(author);
        Fixtures.Member student = Fixtures.newStudent(null);
        assertThat(Api.patch("/api/v1/users/me", "{\"locale\":\"fr\"}", student.token()).status()).isEqualTo(200);

        JsonObject job = translated(courseId, "{\"locale\":\"fr\"}", author);
        // 18 English texts: titles, description, summary, body, 5 prompts and 5 options
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getString("sourceLocale")).isEqualTo("en");
        assertThat(job.getJsonObject("texts").getInt("total")).isEqualTo(18);
        assertThat(job.getJsonObject("texts").getInt("queued")).isEqualTo(18);
        assertThat(job.getJsonObject("texts").getInt("translated")).isEqualTo(17);
        assertThat(job.getJsonObject("texts").getInt("failed")).isEqualTo(1);
        assertThat(job.getInt("providerCalls")).isEqualTo(18);

        // what the provider received: each text once (429 and 500 tried again), never an answer key
        List<String> sent = sentTexts();
        assertThat(Collections.frequency(sent, SLOW_TEXT)).as("429 twice, then translated").isEqualTo(3);
        assertThat(Collections.frequency(sent, BROKEN_TEXT)).as("500 three times: the tries").isEqualTo(3);
        assertThat(sent).contains("Fractions", "Halves, thirds and quarters", "A half is one of two equal parts.", "Swahili for half?", "four");
        synchronized (received) {
            assertThat(received).allSatisfy(q -> {
                assertThat(q.keySet()).containsExactlyInAnyOrder("q", "source", "target", "format", "api_key");
                assertThat(q.getString("q")).doesNotContainIgnoringCase("nusu").doesNotContain("correctOptions", "answerKey", "3.5");
            });
            assertThat(received).filteredOn(q -> q.getString("q").equals("Fractions")).singleElement().satisfies(q -> {
                assertThat(q.getString("source")).isEqualTo("en");
                assertThat(q.getString("target")).isEqualTo("fr");
                assertThat(q.getString("format")).isEqualTo("text");
            });
        }

        Map<String, JsonObject> texts = textsByPath(courseId, "fr", author);
        assertThat(texts).hasSize(18);
        JsonObject broken = texts.get("u0.l0.a1.q2.prompt");
        assertThat(broken.getString("status")).isEqualTo("FAILED");
        assertThat(broken.getString("reason")).isEqualTo("the provider answered 500: Cannot translate text: out of memory after 3 tries");
        assertThat(texts.get("title").getString("status")).isEqualTo("DRAFT");
        assertThat(texts.get("title").getString("draftText")).isEqualTo("[fr] Fractions");
        assertThat(texts.get("title").getString("sourceText")).isEqualTo("Fractions");
        assertThat(texts.get("u0.l0.a1.q0.o:a").getString("draftText")).isEqualTo("[fr] 5");
        assertThat(Api.get("/api/v1/courses/" + courseId + "/translations/fr?status=FAILED", author.token()).json()
                .getJsonArray("items")).hasSize(1);

        // drafts are not the course: the French student still reads English
        Api.Reply before = Api.get("/api/v1/courses/" + courseId, student.token());
        assertThat(before.header("Content-Language")).isEqualTo("en");
        assertThat(before.json().getString("title")).isEqualTo("Fractions");
        String etagBefore = before.header("ETag");

        // the teacher translates the failed text by hand, corrects a draft, and publishes
        Api.Reply edited = Api.put("/api/v1/courses/" + courseId + "/translations/fr/texts/" + broken.getString("id"),
                "{\"text\":\"Deux moitiés font un tout\"}", author.token());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getString("status")).isEqualTo("DRAFT");
        assertThat(edited.json().getBoolean("edited")).isTrue();
        assertThat(Api.put("/api/v1/courses/" + courseId + "/translations/fr/texts/" + texts.get("title").getString("id"),
                "{\"text\":\"Les fractions\"}", author.token()).status()).isEqualTo(200);
        Api.Reply published = Api.post("/api/v1/courses/" + courseId + "/translations/fr/publish", "", author.token());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().getInt("texts")).isEqualTo(18);
        assertThat(published.json().getInt("contentVersion")).as("publishing bumps the content version").isEqualTo(2);

        Api.Reply after = Api.send(Api.request("/api/v1/courses/" + courseId, student.token()).header("If-None-Match", etagBefore).GET().build());
        assertThat(after.status()).as("the device's copy is stale").isEqualTo(200);
        assertThat(after.header("Content-Language")).isEqualTo("fr");
        JsonObject course = after.json();
        assertThat(course.getString("title")).isEqualTo("Les fractions");
        JsonObject quiz = course.getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0)
                .getJsonArray("activities").getJsonObject(1);
        assertThat(quiz.getJsonArray("questions").getJsonObject(2).getString("prompt")).isEqualTo("Deux moitiés font un tout");
        assertThat(quiz.getJsonArray("questions").getJsonObject(0).getJsonArray("options").getJsonObject(0).getString("text")).isEqualTo("[fr] 5");
        assertThat(course.toString()).doesNotContain("correctOptions", "nusu");
        assertThat(textsByPath(courseId, "fr", author).values()).allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("PUBLISHED"));

        // asked again: every text already holds a translation of its source, nothing is sent
        int sentBefore = sentTexts().size();
        JsonObject again = translated(courseId, "{\"locale\":\"fr\"}", author);
        assertThat(again.getString("status")).isEqualTo("DONE");
        assertThat(again.getJsonObject("texts").getInt("reused")).isEqualTo(18);
        assertThat(again.getJsonObject("texts").getInt("queued")).isZero();
        assertThat(again.getInt("providerCalls")).isZero();
        assertThat(sentTexts()).hasSize(sentBefore);

        // the author changes a source text: its translation is stale, and only it is sent again
        String changed = CurriculumIT.COURSE.replace("\"Fractions\"", "\"Fractions and halves\"");
        Fixtures.require(Api.put("/api/v1/courses/" + courseId, changed, author.token()), 200);
        Api.Reply stale = Api.get("/api/v1/courses/" + courseId + "/translations/fr?status=STALE", author.token());
        assertThat(stale.json().getJsonArray("items").getValuesAs(JsonObject.class)).singleElement().satisfies(t -> {
            assertThat(t.getString("path")).isEqualTo("title");
            assertThat(t.getString("reason")).contains("source text changed");
        });
        JsonObject third = translated(courseId, "{\"locale\":\"fr\"}", author);
        assertThat(third.getJsonObject("texts").getInt("queued")).isEqualTo(1);
        assertThat(sentTexts().subList(sentBefore, sentTexts().size())).containsExactly("Fractions and halves");

        // one lesson of it: its texts are all translated already
        String lessonId = Api.get("/api/v1/courses/" + courseId, author.token()).json().getJsonArray("units").getJsonObject(0)
                .getJsonArray("lessons").getJsonObject(0).getString("id");
        JsonObject lesson = translated(courseId, "{\"locale\":\"fr\",\"lessonId\":\"" + lessonId + "\"}", author);
        assertThat(lesson.getString("lessonId")).isEqualTo(lessonId);
        assertThat(lesson.getJsonObject("texts").getInt("total")).isEqualTo(15);
        assertThat(lesson.getJsonObject("texts").getInt("queued")).isZero();
    }

    @Test
    void onlyTheCoursesAuthorOrAnAdminAsksReviewsAndPublishes() throws Exception {
        Fixtures.Member author = newAuthor();
        String courseId = publishedCourse(author);
        String school = Fixtures.newSchool();
        Fixtures.addToSchool(school, author.id());
        Fixtures.Member colleague = Fixtures.newTeacher(school);
        Fixtures.Member schoolAdmin = Fixtures.newUserWith("SCHOOL_ADMIN", school);
        Fixtures.Member student = Fixtures.newStudent(school);
        String base = "/api/v1/courses/" + courseId + "/translations";

        for (Fixtures.Member other : List.of(colleague, schoolAdmin, student)) {
            assertProblem(Api.post(base, "{\"locale\":\"sw\"}", other.token()), 403);
            assertProblem(Api.get(base + "/sw", other.token()), 403);
            assertProblem(Api.post(base + "/sw/publish", "", other.token()), 403);
        }
        JsonObject job = translated(courseId, "{\"locale\":\"pt-BR\"}", author);
        assertThat(job.getString("locale")).isEqualTo("pt-BR");
        for (Fixtures.Member other : List.of(colleague, schoolAdmin, student)) {
            assertProblem(Api.get("/api/v1/translation-jobs/" + job.getString("id"), other.token()), 403);
        }
        Api.Reply byAdmin = Api.get(base + "/pt-BR", Api.adminToken());
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(Api.get("/api/v1/translation-jobs/" + job.getString("id"), Api.adminToken()).status()).isEqualTo(200);
        // the students' view of the course has no Portuguese until it is published
        assertThat(Api.get("/api/v1/courses/" + courseId + "?locale=pt-BR", student.token()).header("Content-Language")).isEqualTo("en");
    }

    @Test
    void badInputIsAProblemNeverAServerError() throws Exception {
        Fixtures.Member author = newAuthor();
        String courseId = publishedCourse(author);
        String base = "/api/v1/courses/" + courseId + "/translations";
        String token = author.token();

        assertProblem(Api.post(base, "{\"locale\":\"xx\"}", token), 400, "unknown locale");
        assertProblem(Api.post(base, "{\"locale\":\"not a locale\"}", token), 400, "locale");
        assertProblem(Api.post(base, "{\"locale\":\"en-GB\"}", token), 400, "language the course is written in");
        assertProblem(Api.post(base, "{}", token), 400, "locale");
        assertProblem(Api.post(base, "", token), 400);
        assertProblem(Api.post(base, "{\"locale\":\"fr\",\"lessonId\":\"nope\"}", token), 400, "lessonId");
        assertProblem(Api.post(base, "{\"locale\":\"fr\",\"lessonId\":\"" + java.util.UUID.randomUUID() + "\"}", token), 404, "No lesson");
        assertProblem(Api.post(base, "{\"locale\":\"fr\",\"extra\":1}", token), 400, "extra");
        assertProblem(Api.post("/api/v1/courses/abc/translations", "{\"locale\":\"fr\"}", token), 400, "courseId");
        assertProblem(Api.post("/api/v1/courses/" + java.util.UUID.randomUUID() + "/translations", "{\"locale\":\"fr\"}", token), 404);
        assertProblem(Api.get(base + "/xx", token), 400, "unknown locale");
        assertProblem(Api.get(base + "/fr?status=SOMETIMES", token), 400, "status");
        assertProblem(Api.get(base + "/fr?limit=0", token), 400, "limit");
        assertProblem(Api.put(base + "/fr/texts/" + java.util.UUID.randomUUID(), "{\"text\":\"x\"}", token), 404);
        assertProblem(Api.put(base + "/fr/texts/abc", "{\"text\":\"x\"}", token), 400, "textId");
        assertProblem(Api.put(base + "/fr/texts/" + java.util.UUID.randomUUID(), "{\"text\":\"\"}", token), 400, "text");
        assertProblem(Api.put(base + "/fr/texts/" + java.util.UUID.randomUUID(), "", token), 400);
        assertProblem(Api.post(base + "/fr/publish", "", token), 409, "No reviewed drafts");
        assertProblem(Api.get("/api/v1/translation-jobs/abc", token), 400, "id");
        assertProblem(Api.get("/api/v1/translation-jobs/" + java.util.UUID.randomUUID(), token), 404);
    }

    private static void assertProblem(Api.Reply r, int status, String... inDetail) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        for (String words : inDetail) {
            assertThat(r.body()).as(r.toString()).contains(words);
        }
    }
}
