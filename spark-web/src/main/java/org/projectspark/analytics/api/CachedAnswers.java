package org.projectspark.analytics.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.projectspark.platform.concurrent.FreshBuilds;
import org.projectspark.platform.http.CurrentRequest;
import org.projectspark.platform.http.HeldAnswers;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;
import org.projectspark.platform.security.Caller;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers cached in Redis per user and URL with the guide's TTLs ({@link #REPORTS} 600 s, {@link #CLASS_DASHBOARDS} 180 s).
 * Only called after the caller's access was checked for this request, so an entry never reaches anyone
 * but the user it was built for, and only while they may still see it. {@code Cache-Control: no-cache}
 * from the client builds the answer anew. {@code X-Cache} says whether it came from the cache.
 * Each instance also holds the encoded answer for {@value HeldAnswers#TTL_MILLIS} ms ({@link HeldAnswers}): its
 * bytes, its gzip form and an ETag, so a poller that sends {@code If-None-Match} gets a 304 without a body, and a
 * repeated read is answered before JAX-RS while the resource's access step ({@code recheck}) still lets the caller see it.
 * An answer is the same for every reader who may see it (a class's dashboard in one language: its
 * {@code sharedKey}), so readers asking for fresh figures at the same moment share one build that started
 * after they asked ({@link FreshBuilds}): a staff room reloading one class costs the database a build at a time, not one per reader.
 */
@ApplicationScoped
public class CachedAnswers {

    /** What is cached: its Redis prefix ({@code spark:cache:<name>:}) and time to live. */
    record Kind(String name, long ttlSeconds) {
    }

    static final Kind REPORTS = new Kind("analytics", 600);
    static final Kind CLASS_DASHBOARDS = new Kind("dashboard", 180);

    /** A fresh build: its text for Redis, its encoded form for this instance. */
    private record Fresh(String text, HeldAnswers.Answer encoded) {
    }

    private final FreshBuilds<String, Fresh> freshBuilds = new FreshBuilds<>();

    /** Bounded by bytes: a burst of distinct large answers must not crowd the heap. */
    static final long RECENT_MAX_BYTES = 32L * 1024 * 1024;

    @Inject
    Redis redis;

    @Inject
    HeldAnswers held;

    /** Redis only, one per kind: the instance's copy is held by {@link HeldAnswers}, once, as bytes. */
    private final Map<Kind, JsonCache> caches = new ConcurrentHashMap<>();
    /**
     * Answers encoded here lately, by shared key, URL and ETag. A reader's copy from Redis that is byte for byte one
     * of them reuses its encoding: a class's hundred teachers cost this instance one gzip of each build they hold, not
     * one each.
     */
    private final Cache<String, HeldAnswers.Answer> recentlyEncoded = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(HeldAnswers.TTL_MILLIS)).maximumWeight(RECENT_MAX_BYTES)
            .weigher((String key, HeldAnswers.Answer a) -> a.weight()).build();
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    /** A JSON answer: {@code build}'s result as JSON-B writes it (nulls left out, as everywhere in the API). */
    Response json(Kind kind, String sharedKey, Supplier<String> recheck, Supplier<Object> build) {
        return answer(kind, MediaType.APPLICATION_JSON, Map.of(), sharedKey, recheck, () -> jsonb.toJson(build.get()));
    }

    /**
     * {@code sharedKey}: what, besides the URL, the answer depends on (never the reader, only what they see);
     * {@code recheck}: the resource's access step for this caller again, answering the shared key they may see now.
     */
    Response answer(Kind kind, String mediaType, Map<String, String> headers, String sharedKey, Supplier<String> recheck,
                    Supplier<String> build) {
        Caller caller = Caller.current();
        ContainerRequestContext request = CurrentRequest.get();
        JsonCache cache = caches.computeIfAbsent(kind, k -> new JsonCache(redis, "spark:cache:" + k.name() + ":", k.ttlSeconds()));
        URI uri = request.getUriInfo().getRequestUri();
        String url = uri.getRawPath() + "?" + nullToEmpty(uri.getRawQuery());
        String key = caller.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        String shared = sharedKey + "|" + url;
        if (HeldAnswers.wantsFresh(request.getHeaderString(HttpHeaders.CACHE_CONTROL))) {
            Fresh fresh = freshBuilds.get(shared, () -> {
                String text = build.get();
                return new Fresh(text, HeldAnswers.Answer.of(mediaType, text.getBytes(StandardCharsets.UTF_8), headers));
            });
            cache.refresh(key, fresh::text);
            recentlyEncoded.put(encodingKey(shared, fresh.encoded().etag()), fresh.encoded());
            held.hold(caller, request, sharedKey, recheck, fresh.encoded());
            return HeldAnswers.respond(fresh.encoded(), request, true);
        }
        return held.answer(caller, request, sharedKey, recheck, built -> encode(shared, mediaType, headers, cache.get(key, () -> {
            built.set(true);
            return build.get();
        })));
    }

    /** The reader's own copy, encoded; the encoding of the same answer for another reader when it is byte for byte the same. */
    private HeldAnswers.Answer encode(String shared, String mediaType, Map<String, String> headers, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String key = encodingKey(shared, HeldAnswers.Answer.tagOf(body));
        HeldAnswers.Answer known = recentlyEncoded.getIfPresent(key);
        if (known != null && Arrays.equals(known.body(), body)) {
            return known;
        }
        HeldAnswers.Answer fresh = HeldAnswers.Answer.of(mediaType, body, headers);
        recentlyEncoded.put(key, fresh);
        return fresh;
    }

    private static String encodingKey(String shared, String etag) {
        return shared + "|" + etag;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
