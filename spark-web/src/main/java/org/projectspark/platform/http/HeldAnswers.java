package org.projectspark.platform.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.projectspark.platform.security.Caller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Cached answers this instance holds for {@value #TTL_MILLIS} ms per caller and URL, encoded and ready to send, so
 * that {@link HeldAnswerFilter} can answer a repeated read before JAX-RS: a cached read through Jersey cost about
 * three times what the same bytes cost from a servlet filter behind the same token check (measured: 10,300 against
 * 28,500 req/s at 100 clients), and dashboards and boards are polled. Every answer goes out through
 * {@link #respond}, so both paths send the same headers: ETag (a 304 for a match), gzip when asked, {@code X-Cache}.
 * <p>
 * An answer is held with what it was built from ({@code sharedKey}, compared with {@code equals}: the class and
 * language a dashboard shows; the standings a rank read found) and a
 * question to ask again on every read ({@code recheck}: the resource's own access step, answering the shared key the
 * caller may see now, or throwing). It is served only while the caller's token carries the same roles and the recheck
 * answers the same key, so a held answer reaches no one the resource itself would not answer, and a caller who lost
 * access is answered by the resource (403/404) at once.
 */
@ApplicationScoped
public class HeldAnswers {

    public static final long TTL_MILLIS = 2_000;
    /** Clients may keep an answer but must ask again (an ETag makes that a 304) before showing it. */
    private static final String CACHE_CONTROL = "private, no-cache";
    /** Bounded by bytes: a burst of distinct large answers must not crowd the heap. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    /** An answer ready to send: its bytes, its gzip form (dashboards shrink about tenfold, which slow links feel) and an ETag. */
    public record Answer(String mediaType, byte[] body, byte[] gzipped, String etag, Map<String, String> headers) {

        /** {@code mediaType} as JAX-RS writes it ({@code text/csv;charset=UTF-8}), so both paths send the same header. */
        public static Answer of(String mediaType, byte[] body, Map<String, String> headers) {
            return new Answer(MediaType.valueOf(mediaType).toString(), body, gzip(body), tagOf(body), Map.copyOf(headers));
        }

        public static String tagOf(byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            return Long.toHexString(crc.getValue()) + "-" + body.length;
        }

        /** Whether an {@code If-None-Match} header names this answer (weak or strong). */
        boolean matches(String ifNoneMatch) {
            if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
                return false;
            }
            String v = ifNoneMatch.trim();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") && v.substring(1, v.length() - 1).equals(etag);
        }

        /** Bytes it keeps on the heap, for caches bounded by bytes. */
        public int weight() {
            return body.length + gzipped.length;
        }
    }

    /** What is held for one caller and URL. */
    record Held(Answer answer, String route, Set<String> roles, Object sharedKey, Supplier<?> recheck) {
    }

    private final Cache<String, Held> held = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .maximumWeight(MAX_BYTES).weigher((String key, Held h) -> h.answer().weight()).build();

    /** The answer held for this caller and URL if it was built from {@code sharedKey}: for the resource's own path. */
    private Answer find(Caller caller, ContainerRequestContext request, Object sharedKey) {
        Held h = held.getIfPresent(key(caller.id(), urlOf(request)));
        return h != null && h.sharedKey().equals(sharedKey) && h.roles().equals(caller.roles()) ? h.answer() : null;
    }

    /** Holds an answer the resource just gave this caller, after checking their access for this request. */
    public void hold(Caller caller, ContainerRequestContext request, Object sharedKey, Supplier<?> recheck, Answer answer) {
        held.put(key(caller.id(), urlOf(request)), new Held(answer, RequestObserver.routeOf(request.getUriInfo()), caller.roles(), sharedKey, recheck));
    }

    /**
     * What the resource answers: the answer held for this caller and URL if it was built from {@code sharedKey}, else
     * {@code make}'s (held from now on); {@code X-Cache} says whether this request built it ({@code make} sets
     * {@code built}). {@code recheck} is the resource's access step for this caller again, answering the shared key
     * they may see now. A request with {@code Cache-Control: no-cache} is never answered from what is held.
     */
    public Response answer(Caller caller, ContainerRequestContext request, Object sharedKey, Supplier<?> recheck,
                           Function<AtomicBoolean, Answer> make) {
        AtomicBoolean built = new AtomicBoolean();
        Answer a = wantsFresh(request.getHeaderString(HttpHeaders.CACHE_CONTROL)) ? null : find(caller, request, sharedKey);
        if (a == null) { // held for at most its time from when it was made, never renewed by reads
            a = make.apply(built);
            hold(caller, request, sharedKey, recheck, a);
        }
        return respond(a, request, built.get());
    }

    /** What goes out for an answer: its status, headers and body (none for a 304); the same on both paths. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    /** The reply to a request with these {@code If-None-Match} and {@code Accept-Encoding} headers; {@code built} sets {@code X-Cache}. */
    static Reply reply(Answer a, String ifNoneMatch, String acceptEncoding, boolean built) {
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        headers.put(HttpHeaders.ETAG, "\"" + a.etag() + "\"");
        headers.put("X-Cache", built ? "miss" : "hit");
        headers.put(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        headers.put(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (a.matches(ifNoneMatch)) {
            return new Reply(304, headers, null);
        }
        headers.put(HttpHeaders.CONTENT_TYPE, a.mediaType());
        if (acceptsGzip(acceptEncoding)) {
            headers.put(HttpHeaders.CONTENT_ENCODING, "gzip");
            return new Reply(200, headers, a.gzipped());
        }
        return new Reply(200, headers, a.body());
    }

    /** The JAX-RS response for an answer: what {@link HeldAnswerFilter} sends for it. */
    public static Response respond(Answer a, ContainerRequestContext request, boolean built) {
        Reply reply = reply(a, request.getHeaderString(HttpHeaders.IF_NONE_MATCH), request.getHeaderString(HttpHeaders.ACCEPT_ENCODING), built);
        Response.ResponseBuilder r = Response.status(reply.status()).entity(reply.body());
        reply.headers().forEach(r::header);
        return r.build();
    }

    /** For {@link HeldAnswerFilter}: held, unchecked. */
    Held find(UUID caller, String url) {
        return held.getIfPresent(key(caller, url));
    }

    /** The raw path and query, as the servlet request's {@code getRequestURI()} and {@code getQueryString()} give them. */
    static String url(String rawPath, String rawQuery) {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    private static String urlOf(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        return url(uri.getRawPath(), uri.getRawQuery());
    }

    private static String key(UUID caller, String url) {
        return caller + " " + url;
    }

    /** Whether a {@code Cache-Control} request header asks for fresh figures ({@code no-cache}). */
    public static boolean wantsFresh(String cacheControl) {
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
    }

    /** Whether an {@code Accept-Encoding} header takes gzip. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        String a = acceptEncoding.toLowerCase(Locale.ROOT);
        return a.contains("gzip") && !a.contains("gzip;q=0");
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
}
