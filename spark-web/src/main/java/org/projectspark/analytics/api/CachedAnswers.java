package org.projectspark.analytics.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.projectspark.platform.concurrent.FreshBuilds;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Answers cached in Redis per user and URL with the guide's TTLs (analytics 600 s, dashboards 180 s).
 * Only called after the caller's access was checked for this request, so an entry never reaches anyone
 * but the user it was built for, and only while they may still see it. {@code Cache-Control: no-cache}
 * from the client builds the answer anew. {@code X-Cache} says whether it came from the cache.
 * Each instance also keeps the encoded answer for {@value #LOCAL_TTL_MILLIS} ms: its bytes, its gzip form
 * (dashboards shrink about tenfold, which slow rural links feel) and an ETag, so a poller that sends
 * {@code If-None-Match} gets a 304 without a body.
 * An answer is the same for every reader who may see it (a class's dashboard in one language: its
 * {@code sharedKey}), so readers asking for fresh figures at the same moment share one build that started
 * after they asked ({@link FreshBuilds}): a staff room reloading one class costs the database a build at a time, not one per reader.
 */
final class CachedAnswers {

    static final long ANALYTICS_TTL_SECONDS = 600;
    static final long DASHBOARD_TTL_SECONDS = 180;
    static final long LOCAL_TTL_MILLIS = 2_000;

    /** An answer ready to send. */
    private record Encoded(byte[] body, byte[] gzipped, EntityTag etag) {
        static Encoded of(String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            return new Encoded(body, gzip(body), tagOf(body));
        }

        static EntityTag tagOf(byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            return new EntityTag(Long.toHexString(crc.getValue()) + "-" + body.length);
        }
    }

    /** A fresh build: its text for Redis, its encoded form for this instance. */
    private record Fresh(String text, Encoded encoded) {
        static Fresh of(String text) {
            return new Fresh(text, Encoded.of(text));
        }
    }

    private final FreshBuilds<String, Fresh> freshBuilds = new FreshBuilds<>();

    /**
     * Bounded by bytes: a burst of distinct large answers must not crowd the heap. The two local caches get half each
     * (they mostly hold the same objects, but need not).
     */
    static final long LOCAL_MAX_BYTES = 64L * 1024 * 1024;

    /** Redis only: the instance's copy is {@link #encoded}, kept once, as bytes. */
    private final JsonCache cache;
    private final Cache<String, Encoded> encoded = localEncodings();
    /**
     * Answers encoded here lately, by shared key, URL and ETag. A reader's copy from Redis that is byte for byte one
     * of them reuses its encoding: a class's hundred teachers cost this instance one gzip of each build they hold, not
     * one each. Mostly the same objects as {@link #encoded} holds.
     */
    private final Cache<String, Encoded> recentlyEncoded = localEncodings();
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    CachedAnswers(Redis redis, String kind, long ttlSeconds) {
        this.cache = new JsonCache(redis, "spark:cache:" + kind + ":", ttlSeconds, 0);
    }

    /** A JSON answer: {@code build}'s result as JSON-B writes it (nulls left out, as everywhere in the API). */
    Response json(UUID caller, ContainerRequestContext request, String sharedKey, Supplier<Object> build) {
        return answer(caller, request, MediaType.APPLICATION_JSON, sharedKey, () -> jsonb.toJson(build.get()));
    }

    /** {@code sharedKey}: what, besides the URL, the answer depends on (never the reader, only what they see). */
    Response answer(UUID caller, ContainerRequestContext request, String mediaType, String sharedKey, Supplier<String> build) {
        URI uri = request.getUriInfo().getRequestUri();
        String url = uri.getRawPath() + "?" + nullToEmpty(uri.getRawQuery());
        String key = caller + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        AtomicBoolean built = new AtomicBoolean();
        Supplier<String> counting = () -> {
            built.set(true);
            return build.get();
        };
        String shared = sharedKey + "|" + url;
        Encoded answer;
        if (wantsFresh(request)) {
            Fresh fresh = freshBuilds.get(shared, () -> Fresh.of(build.get()));
            built.set(true);
            cache.refresh(key, fresh::text);
            answer = fresh.encoded();
            encoded.put(key, answer);
            recentlyEncoded.put(encodingKey(shared, answer.etag()), answer);
        } else {
            answer = encoded.get(key, k -> encode(shared, cache.get(k, counting)));
        }
        Response.ResponseBuilder r;
        if (answer.etag().equals(ifNoneMatch(request))) {
            r = Response.notModified(answer.etag());
        } else if (acceptsGzip(request)) {
            r = Response.ok(answer.gzipped(), mediaType).header(HttpHeaders.CONTENT_ENCODING, "gzip").tag(answer.etag());
        } else {
            r = Response.ok(answer.body(), mediaType).tag(answer.etag());
        }
        return r.header("X-Cache", built.get() ? "miss" : "hit").header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("Cache-Control", "private, no-cache").build();
    }

    /** The reader's own copy, encoded; the encoding of the same answer for another reader when it is byte for byte the same. */
    private Encoded encode(String shared, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        EntityTag tag = Encoded.tagOf(body);
        String key = encodingKey(shared, tag);
        Encoded known = recentlyEncoded.getIfPresent(key);
        if (known != null && Arrays.equals(known.body(), body)) {
            return known;
        }
        Encoded fresh = new Encoded(body, gzip(body), tag);
        recentlyEncoded.put(key, fresh);
        return fresh;
    }

    private static String encodingKey(String shared, EntityTag tag) {
        return shared + "|" + tag.getValue();
    }

    private static Cache<String, Encoded> localEncodings() {
        return Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(LOCAL_TTL_MILLIS)).maximumWeight(LOCAL_MAX_BYTES / 2)
                .weigher((String key, Encoded e) -> e.body().length + e.gzipped().length).build();
    }

    private static EntityTag ifNoneMatch(ContainerRequestContext request) {
        String value = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? new EntityTag(v.substring(1, v.length() - 1)) : null;
    }

    private static boolean acceptsGzip(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip") && !accept.toLowerCase(Locale.ROOT).contains("gzip;q=0");
    }

    private static boolean wantsFresh(ContainerRequestContext request) {
        String cc = request.getHeaderString(HttpHeaders.CACHE_CONTROL);
        return cc != null && cc.toLowerCase(Locale.ROOT).contains("no-cache");
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
