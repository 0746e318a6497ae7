package org.projectspark.translation.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectspark.curriculum.service.Author;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider client against a LibreTranslate stand-in on loopback, answering in LibreTranslate's format. */
class LibreTranslateTest {

    private HttpServer server;
    private final List<JsonObject> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Function<JsonObject, Reply> answer = q -> new Reply(200, "{\"translatedText\":\"[sw] " + q.getString("q") + "\"}");

    record Reply(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/translate", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            JsonObject q = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))).readObject();
            received.add(q);
            Thread.sleep(30);
            Reply r = answer.apply(q);
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private LibreTranslate client(String url, String key, int maxConcurrent, int attempts) {
        TranslationSettings s = new TranslationSettings();
        s.apiUrl = url;
        s.apiKey = Optional.ofNullable(key);
        s.timeout = "5s";
        s.maxConcurrent = maxConcurrent;
        s.maxAttempts = attempts;
        s.retryBackoff = "10ms";
        s.validate();
        LibreTranslate client = new LibreTranslate();
        client.settings = s;
        client.open();
        return client;
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void sendsTheDocumentedRequestAndReadsTranslatedText() throws Exception {
        LibreTranslate.Answer a = client(url(), "k-123", 2, 3).translate("Half of 10?", "en", "sw");
        assertThat(a.ok()).isTrue();
        assertThat(a.text()).isEqualTo("[sw] Half of 10?");
        assertThat(received).singleElement().satisfies(q -> {
            assertThat(q.getString("q")).isEqualTo("Half of 10?");
            assertThat(q.getString("source")).isEqualTo("en");
            assertThat(q.getString("target")).isEqualTo("sw");
            assertThat(q.getString("format")).isEqualTo("text");
            assertThat(q.getString("api_key")).isEqualTo("k-123");
        });
    }

    @Test
    void tooManyRequestsAndServerErrorsAreTriedAgainThenFailWithTheProvidersWords() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        answer = q -> calls.incrementAndGet() <= 2 ? new Reply(429, "{\"error\":\"Slowdown: 1 per 1 second\"}")
                : new Reply(200, "{\"translatedText\":\"Nusu\"}");
        assertThat(client(url(), "k", 2, 3).translate("Half", "en", "sw").text()).isEqualTo("Nusu");
        assertThat(received).hasSize(3);

        received.clear();
        answer = q -> new Reply(500, "{\"error\":\"Cannot translate text: model crashed\"}");
        LibreTranslate.Answer failed = client(url(), "k", 2, 3).translate("Half", "en", "sw");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.stopJob()).isFalse();
        assertThat(failed.failure()).isEqualTo("the provider answered 500: Cannot translate text: model crashed after 3 tries");
        assertThat(received).hasSize(3);
    }

    @Test
    void aRefusedTextIsNotTriedAgainAndARefusedKeyStopsTheJob() throws Exception {
        answer = q -> new Reply(400, "{\"error\":\"xx is not supported\"}");
        LibreTranslate.Answer bad = client(url(), "k", 2, 3).translate("Half", "en", "xx");
        assertThat(bad.failure()).isEqualTo("the provider answered 400: xx is not supported");
        assertThat(bad.stopJob()).isFalse();
        assertThat(received).hasSize(1);

        received.clear();
        answer = q -> new Reply(403, "{\"error\":\"Invalid API key\"}");
        LibreTranslate.Answer refused = client(url(), "wrong", 2, 3).translate("Half", "en", "sw");
        assertThat(refused.stopJob()).isTrue();
        assertThat(refused.failure()).contains("403: Invalid API key", "TRANSLATION_API_KEY").doesNotContain("wrong");
        assertThat(received).hasSize(1);
    }

    @Test
    void anUnreachableProviderStopsTheJobAfterItsTries() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        LibreTranslate.Answer a = client("http://127.0.0.1:" + port, "k", 2, 2).translate("Half", "en", "sw");
        assertThat(a.stopJob()).isTrue();
        assertThat(a.failure()).startsWith("the provider could not be reached").endsWith("after 2 tries");
    }

    @Test
    void callsInFlightAreBoundedAcrossCallers() throws Exception {
        LibreTranslate client = client(url(), "k", 2, 1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<LibreTranslate.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String text = "text " + i;
            answers.add(callers.submit(() -> client.translate(text, "en", "sw")));
        }
        for (Future<LibreTranslate.Answer> f : answers) {
            assertThat(f.get().ok()).isTrue();
        }
        callers.shutdown();
        assertThat(received).hasSize(16);
        assertThat(mostInFlight.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void settingsRefuseAnUrlThatIsNotHttpAndWithoutAKeyTheFeatureAnswers503() {
        assertThatThrownBy(() -> TranslationSettings.endpoint("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TranslationSettings.endpoint("http://t.example:5000/").toString()).isEqualTo("http://t.example:5000/translate");

        TranslationSettings off = new TranslationSettings();
        off.apiUrl = "http://localhost:5000";
        off.apiKey = Optional.of("  ");
        off.timeout = "30s";
        off.maxConcurrent = 2;
        off.maxAttempts = 4;
        off.retryBackoff = "1s";
        off.validate();
        assertThat(off.enabled()).isFalse();
        TranslationRequests requests = new TranslationRequests();
        requests.settings = off;
        assertThatThrownBy(() -> requests.request(UUID.randomUUID(), "sw", Optional.empty(), new Author(UUID.randomUUID(), false)))
                .isInstanceOfSatisfying(TranslationUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.type()).isEqualTo("translation-unavailable");
                    assertThat(e.getMessage()).contains("TRANSLATION_API_KEY");
                });
    }
}
