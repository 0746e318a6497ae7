package org.projectspark.platform.http;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import org.projectspark.platform.problem.ProblemException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one JSON value from a request body, and only one: a body that is not JSON, goes on after its value, or nests
 * deeper than any request of the API does is a {@code malformed-body} problem. The value is built without recursion,
 * so that a body of ten thousand {@code [} cannot exhaust a worker thread's stack.
 */
public final class JsonBodies {

    /** Deeper than any body the API takes (a course is six levels); deeper is refused, not parsed. */
    static final int MAX_DEPTH = 64;

    private JsonBodies() {
    }

    /**
     * The body's one value, or null for an empty body. A failure to read the bytes themselves is an
     * {@link UncheckedIOException}; a body over its limit, the limit's own exception.
     */
    public static JsonValue parse(InputStream body) {
        // JSON travels as UTF-8 (RFC 8259); read as such, a body of one or two bytes is parsed, not refused for its encoding
        Reader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        if (isBlank(text)) {
            return null;
        }
        try (JsonParser parser = Json.createParser(text)) {
            JsonValue value = build(parser);
            if (parser.hasNext()) {
                throw ProblemException.malformed("The body is not valid JSON: it goes on after its first value; send one JSON object");
            }
            return value;
        } catch (JsonParsingException e) {
            throw ProblemException.notJson(e.getLocation());
        } catch (JsonException e) {
            // a read that failed underneath the parser (a body cut off in transit, gzip that is not): the caller's to name
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io) : new UncheckedIOException(new IOException(e));
        }
    }

    /** Whether nothing but white space is left; otherwise the reader is back where it was. */
    private static boolean isBlank(Reader text) {
        try {
            while (true) {
                text.mark(1);
                int c = text.read();
                if (c == -1) {
                    return true;
                }
                if (!Character.isWhitespace(c)) {
                    text.reset();
                    return false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonValue build(JsonParser parser) {
        Deque<Object> open = new ArrayDeque<>(); // JsonObjectBuilder or JsonArrayBuilder
        Deque<String[]> keys = new ArrayDeque<>(); // the key each open value will be added under (null in an array)
        String key = null;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            JsonValue done;
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() == MAX_DEPTH) {
                        throw ProblemException.malformed("The body nests deeper than " + MAX_DEPTH + " levels; no request of this API does");
                    }
                    open.push(event == JsonParser.Event.START_OBJECT ? Json.createObjectBuilder() : Json.createArrayBuilder());
                    keys.push(new String[] {key});
                    key = null;
                    continue;
                }
                case KEY_NAME -> {
                    key = parser.getString();
                    continue;
                }
                case END_OBJECT -> {
                    done = ((JsonObjectBuilder) open.pop()).build();
                    key = keys.pop()[0];
                }
                case END_ARRAY -> {
                    done = ((JsonArrayBuilder) open.pop()).build();
                    key = keys.pop()[0];
                }
                default -> done = parser.getValue();
            }
            if (open.isEmpty()) {
                return done;
            }
            if (open.peek() instanceof JsonObjectBuilder object) {
                object.add(key, done);
                key = null;
            } else {
                ((JsonArrayBuilder) open.peek()).add(done);
            }
        }
        throw ProblemException.malformed("The body ends before its JSON value does");
    }
}
