package org.projectspark.sync.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.TooLargeException;
import org.projectspark.platform.http.CountedInputStream;
import org.projectspark.platform.http.JsonBodies;
import org.projectspark.platform.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a sync upload or a bundle file: plain or gzip ({@code Content-Encoding: gzip}, which slow links should use),
 * counted on the wire and again once inflated, so that neither a huge body nor a small zip bomb gets past the limit.
 */
final class SyncBodies {

    /** The JSON object sent, and how many bytes came over the wire. */
    record Body(JsonObject json, long wireBytes) {
    }

    /** A text body (a bundle file), and how many bytes came over the wire. */
    record Text(String text, long wireBytes) {
    }

    private SyncBodies() {
    }

    static Body read(InputStream in, String contentEncoding, long limit) {
        Opened body = open(in, contentEncoding, limit, "a JSON body is required");
        try {
            JsonValue value = JsonBodies.parse(body.inflated());
            if (value == null) {
                throw new InvalidRequestException("a JSON body is required");
            }
            return new Body(object(value), body.wire().count());
        } catch (UncheckedIOException e) {
            throw unwrap(e, limit);
        }
    }

    /** A JSON object body that may be left out (nothing, or only white space, is no body). */
    static Optional<JsonObject> readOptional(InputStream in, String contentEncoding, long limit) {
        if (in == null) {
            return Optional.empty();
        }
        Opened body = open(in, contentEncoding, limit, "");
        try {
            return Optional.ofNullable(JsonBodies.parse(body.inflated())).map(SyncBodies::object);
        } catch (UncheckedIOException e) {
            throw unwrap(e, limit);
        }
    }

    private static JsonObject object(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.malformed("The body must be one JSON object, {...}, as docs/sync.md shows");
        }
        return value.asJsonObject();
    }

    static Text readText(InputStream in, String contentEncoding, long limit) {
        Opened body = open(in, contentEncoding, limit, "the body must be the bundle file");
        try (InputStream inflated = body.inflated()) {
            String text = new String(inflated.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new InvalidRequestException("the body must be the bundle file");
            }
            return new Text(text, body.wire().count());
        } catch (IOException | UncheckedIOException e) {
            throw unwrap(e, limit);
        }
    }

    private record Opened(CountedInputStream wire, InputStream inflated) {
    }

    private static Opened open(InputStream in, String contentEncoding, long limit, String missing) {
        if (in == null) {
            throw new InvalidRequestException(missing);
        }
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        CountedInputStream wire = new CountedInputStream(in, Long.MAX_VALUE, TooLargeRead::new);
        try {
            InputStream inflated = switch (encoding) {
                case "identity", "" -> wire;
                case "gzip", "x-gzip" -> new GZIPInputStream(wire, 16 * 1024);
                default -> throw new InvalidRequestException("Content-Encoding " + contentEncoding + " is not supported; send gzip or nothing");
            };
            return new Opened(wire, new CountedInputStream(inflated, limit, TooLargeRead::new));
        } catch (IOException e) {
            throw unwrap(e, limit);
        }
    }

    /** The client's mistake behind a failed read, as the problem to answer. */
    private static RuntimeException unwrap(Exception e, long limit) {
        Throwable cause = e instanceof UncheckedIOException && !(e instanceof TooLargeRead) && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebApplicationException web) {
            return web; // the wire limit (BodyLimit) tripped inside the reader
        }
        if (cause instanceof TooLargeRead) {
            return new TooLargeException("the body is larger than " + limit + " bytes once inflated; send less at a time");
        }
        if (cause instanceof ZipException) {
            return new InvalidRequestException("the body is not valid gzip, as its Content-Encoding says; send it compressed whole, or uncompressed without Content-Encoding");
        }
        return new InvalidRequestException("the body could not be read to its end (was the connection cut?); send it again");
    }

    private static final class TooLargeRead extends UncheckedIOException {
        TooLargeRead() {
            super(new IOException("body too large"));
        }
    }
}
