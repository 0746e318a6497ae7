package org.projectspark.translation.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The provider client: LibreTranslate's {@code POST /translate} ({@code {q, source, target, format, api_key}} to
 * {@code {translatedText}}, errors as {@code {error}} with 400, 403, 429 or 500). LibreTranslate because a district
 * can run it on its own server, next to its schools, with no per-character bill; DeepL and Google's Cloud
 * Translation are cloud services only.
 * <p>
 * Calls in flight on this instance are bounded by a semaphore ({@code TRANSLATION_MAX_CONCURRENT}); 429, 5xx and
 * unreachable are tried again with a doubling wait (a Retry-After wins, up to a minute), which is spent without
 * holding a slot. Neither the key nor the texts are logged.
 */
@ApplicationScoped
public class LibreTranslate {

    private static final Logger LOG = Logger.getLogger(LibreTranslate.class.getName());
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);
    private static final int MAX_ERROR_TEXT = 200;

    @Inject
    TranslationSettings settings;

    private HttpClient http;
    private Semaphore inFlight;

    /** What the provider made of one text: a translation, or why not; {@code stopJob} when no other text can fare better. */
    public record Answer(String text, String failure, boolean stopJob) {
        static Answer translated(String text) { return new Answer(text, null, false); }
        static Answer failed(String why) { return new Answer(null, why, false); }
        static Answer stop(String why) { return new Answer(null, why, true); }
        public boolean ok() { return text != null; }
    }

    @PostConstruct
    void open() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.timeout() : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        inFlight = new Semaphore(settings.maxConcurrent(), true);
    }

    /** Translates {@code text} from {@code source} to {@code target} (provider language codes). */
    public Answer translate(String text, String source, String target) throws InterruptedException {
        String key = settings.key().orElse("");
        String body = Json.createObjectBuilder().add("q", text).add("source", source).add("target", target)
                .add("format", "text").add("api_key", key).build().toString();
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        String lastProblem = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempt - 1, 16));
            HttpResponse<String> response;
            inFlight.acquire();
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastProblem = "the provider could not be reached (" + e.getClass().getSimpleName() + ")";
                LOG.warning("Translation provider not reached, attempt " + attempt + " of " + settings.maxAttempts() + ": " + e.getClass().getSimpleName());
                response = null;
            } finally {
                inFlight.release();
            }
            if (response != null) {
                int status = response.statusCode();
                if (status == 200) {
                    return translatedText(response.body())
                            .map(Answer::translated).orElseGet(() -> Answer.failed("the provider answered 200 without a translatedText"));
                }
                String problem = "the provider answered " + status + errorText(response.body()).map(e -> ": " + e).orElse("");
                if (status == 401 || status == 403) {
                    return Answer.stop(problem + " (check TRANSLATION_API_KEY)");
                }
                if (status != 429 && status < 500) {
                    return Answer.failed(problem);
                }
                lastProblem = problem;
                LOG.warning("Translation provider answered " + status + ", attempt " + attempt + " of " + settings.maxAttempts());
                wait = retryAfter(response).orElse(wait);
            }
            if (attempt < settings.maxAttempts()) {
                Thread.sleep(wait.toMillis());
            }
        }
        String why = lastProblem + " after " + settings.maxAttempts() + " tries";
        return lastProblem != null && lastProblem.startsWith("the provider could not be reached") ? Answer.stop(why) : Answer.failed(why);
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds))).map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the doubling wait will do
            }
        });
    }

    private static Optional<String> translatedText(String body) {
        return member(body, "translatedText");
    }

    /** The provider's {@code error} text, shortened: it goes into a reason a teacher reads. */
    private static Optional<String> errorText(String body) {
        return member(body, "error").map(e -> e.length() > MAX_ERROR_TEXT ? e.substring(0, MAX_ERROR_TEXT) + "..." : e);
    }

    private static Optional<String> member(String body, String name) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            JsonValue member = ((JsonObject) value).get(name);
            return member instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty(); // a proxy's HTML error page: the status says enough
        }
    }
}
