package org.projectspark.translation.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The machine-translation provider (a LibreTranslate server) and the bounds on calling it. Without
 * {@code TRANSLATION_API_KEY} the feature is off and answers 503; everything else works. The key is never logged.
 */
@ApplicationScoped
public class TranslationSettings {

    @Inject @ConfigProperty(name = "TRANSLATION_API_URL")
    String apiUrl;

    @Inject @ConfigProperty(name = "TRANSLATION_API_KEY")
    Optional<String> apiKey;

    /** Longest wait for one answer of the provider (a self-hosted server on a small machine is slow on long texts). */
    @Inject @ConfigProperty(name = "TRANSLATION_TIMEOUT")
    String timeout;

    /** Provider calls in flight at once on this instance, all jobs together: a district's server is not flooded. */
    @Inject @ConfigProperty(name = "TRANSLATION_MAX_CONCURRENT")
    int maxConcurrent;

    /** Tries per text when the provider answers 429 or 5xx or cannot be reached, the first included. */
    @Inject @ConfigProperty(name = "TRANSLATION_MAX_ATTEMPTS")
    int maxAttempts;

    /** Wait before the second try; doubled before each further one (a Retry-After from the provider wins). */
    @Inject @ConfigProperty(name = "TRANSLATION_RETRY_BACKOFF")
    String retryBackoff;

    private URI endpoint;
    private Duration callTimeout;
    private Duration backoff;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        endpoint = problems.value("TRANSLATION_API_URL", () -> endpoint(apiUrl));
        callTimeout = problems.duration("TRANSLATION_TIMEOUT", timeout, 1000);
        backoff = problems.duration("TRANSLATION_RETRY_BACKOFF", retryBackoff, 1);
        problems.check(maxConcurrent >= 1 && maxAttempts >= 1, "TRANSLATION_MAX_CONCURRENT and TRANSLATION_MAX_ATTEMPTS must be at least 1");
        problems.failIfAny();
    }

    /** The provider's translate endpoint: {@code TRANSLATION_API_URL} + {@code /translate}. */
    static URI endpoint(String base) {
        URI uri = URI.create(base.strip().replaceAll("/+$", "") + "/translate");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("TRANSLATION_API_URL must be an http or https URL such as http://translate.district.example:5000");
        }
        return uri;
    }

    public boolean enabled() { return key().isPresent(); }
    /** Only the provider client reads the key. */
    Optional<String> key() { return apiKey.map(String::strip).filter(k -> !k.isEmpty()); }
    public URI endpoint() { return endpoint; }
    public Duration timeout() { return callTimeout; }
    public int maxConcurrent() { return maxConcurrent; }
    public int maxAttempts() { return maxAttempts; }
    public Duration backoff() { return backoff; }
}
