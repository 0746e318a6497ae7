package org.projectspark.analytics.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Answers cached in Redis per user and URL with the guide's TTLs (analytics 600 s, dashboards 180 s).
 * Only called after the caller's access was checked for this request, so an entry never reaches anyone
 * but the user it was built for, and only while they may still see it. {@code Cache-Control: no-cache}
 * from the client builds the answer anew. {@code X-Cache} says whether it came from the cache.
 */
final class CachedAnswers {

    static final long ANALYTICS_TTL_SECONDS = 600;
    static final long DASHBOARD_TTL_SECONDS = 180;
    /** Every instance keeps an answer this long too: a hundred teachers polling cost Redis nothing. */
    static final long LOCAL_TTL_MILLIS = 2_000;

    private final JsonCache cache;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    CachedAnswers(Redis redis, String kind, long ttlSeconds) {
        this.cache = new JsonCache(redis, "spark:cache:" + kind + ":", ttlSeconds, LOCAL_TTL_MILLIS);
    }

    /** A JSON answer: {@code build}'s result as JSON-B writes it (nulls left out, as everywhere in the API). */
    Response json(UUID caller, UriInfo uri, HttpHeaders headers, Supplier<Object> build) {
        return answer(caller, uri, headers, MediaType.APPLICATION_JSON, () -> jsonb.toJson(build.get()));
    }

    Response answer(UUID caller, UriInfo uri, HttpHeaders headers, String mediaType, Supplier<String> build) {
        String key = caller + ":" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(uri.getRequestUri().getRawPath().concat("?" + nullToEmpty(uri.getRequestUri().getRawQuery()))
                        .getBytes(StandardCharsets.UTF_8));
        AtomicBoolean built = new AtomicBoolean();
        Supplier<String> counting = () -> {
            built.set(true);
            return build.get();
        };
        String body = wantsFresh(headers) ? cache.refresh(key, counting) : cache.get(key, counting);
        return Response.ok(body, mediaType).header("X-Cache", built.get() ? "miss" : "hit")
                .header("Cache-Control", "private, max-age=0").build();
    }

    private static boolean wantsFresh(HttpHeaders headers) {
        String cc = headers.getHeaderString(HttpHeaders.CACHE_CONTROL);
        return cc != null && cc.toLowerCase(java.util.Locale.ROOT).contains("no-cache");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
