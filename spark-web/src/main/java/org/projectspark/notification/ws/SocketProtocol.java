package org.projectspark.notification.ws;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.websocket.CloseReason;
import org.projectspark.notification.api.NotificationView;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The notification socket's protocol, version {@value #SUBPROTOCOL} (docs/api.md, WebSocket, is its description
 * for client developers): the messages a client sends, read and checked here, the ones the server sends, written
 * here, and the close codes.
 */
final class SocketProtocol {

    static final String SUBPROTOCOL = "spark.v1";
    /** A client's message, at most (an auth message with a token is well under 2 KiB); larger closes with 1009. */
    static final int MAX_MESSAGE_BYTES = 8192;
    /** Notifications sent per catch-up answer at most; the client resumes again from the last one for more. */
    static final int CATCH_UP_PAGE = 100;
    /** Warned this long before its token expires, the client has time to renew it. */
    static final long EXPIRY_WARNING_SECONDS = 60;

    static final CloseReason.CloseCode UNAUTHORIZED = CloseReason.CloseCodes.getCloseCode(4401);
    static final CloseReason.CloseCode FORBIDDEN = CloseReason.CloseCodes.getCloseCode(4403);
    static final CloseReason.CloseCode AUTH_TIMEOUT = CloseReason.CloseCodes.getCloseCode(4408);
    static final CloseReason.CloseCode REPLACED = CloseReason.CloseCodes.getCloseCode(4409);

    /** Made on first use, as the REST responses' JSON-B is (nulls left out). */
    private static final class Binding {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    }

    private SocketProtocol() {
    }

    /** A client's message, read: its type and body, or why it cannot be read. */
    record Incoming(String type, JsonObject body, String errorCode, String error) {

        static Incoming read(String text) {
            JsonValue value;
            try (var reader = Json.createReader(new StringReader(text))) {
                value = reader.readValue();
            } catch (JsonException | IllegalStateException e) {
                return failed("malformed", "A message is one JSON object, such as {\"type\":\"ping\"}");
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return failed("malformed", "A message is one JSON object, such as {\"type\":\"ping\"}");
            }
            JsonObject o = value.asJsonObject();
            if (!(o.get("type") instanceof JsonString type)) {
                return failed("bad-message", "A message needs \"type\", a string: auth, resume, renew or ping");
            }
            return new Incoming(type.getString(), o, null, null);
        }

        private static Incoming failed(String code, String message) {
            return new Incoming(null, null, code, message);
        }

        boolean ok() {
            return errorCode == null;
        }

        /** A non-blank string field, if there is one. */
        Optional<String> text(String name) {
            return body.get(name) instanceof JsonString s && !s.getString().isBlank() ? Optional.of(s.getString()) : Optional.empty();
        }

        boolean has(String name) {
            return body.containsKey(name) && body.get(name).getValueType() != JsonValue.ValueType.NULL;
        }

        /** A whole number from 0 up, if the field is one. */
        Optional<Long> position(String name) {
            if (body.get(name) instanceof JsonNumber n && n.isIntegral()) {
                try {
                    long v = n.longValueExact();
                    return v >= 0 ? Optional.of(v) : Optional.empty();
                } catch (ArithmeticException tooLarge) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    static String notification(NotificationView view) {
        return "{\"type\":\"notification\",\"notification\":" + Binding.JSONB.toJson(view) + "}";
    }

    static String ready(String userId, Instant expiresAt, long pingSeconds, int sendQueue) {
        return message("ready").add("userId", userId).add("expiresAt", expiresAt.toString())
                .add("pingIntervalSeconds", pingSeconds).add("maxMessageBytes", MAX_MESSAGE_BYTES).add("sendQueue", sendQueue)
                .build().toString();
    }

    static String caughtUp(long last, boolean more) {
        return message("caught-up").add("last", last).add("more", more).build().toString();
    }

    static String renewed(Instant expiresAt) {
        return message("renewed").add("expiresAt", expiresAt.toString()).build().toString();
    }

    static String expiring(Instant expiresAt) {
        return message("expiring").add("expiresAt", expiresAt.toString()).build().toString();
    }

    static String pong() {
        return "{\"type\":\"pong\"}";
    }

    static String error(String code, String message) {
        return message("error").add("code", code).add("message", message).build().toString();
    }

    /** A close reason fits in 123 bytes of UTF-8 (RFC 6455 5.5); longer ones are cut. */
    static CloseReason close(CloseReason.CloseCode code, String reason) {
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 123) {
            r = r.substring(0, r.length() - 1);
        }
        return new CloseReason(code, r);
    }

    private static JsonObjectBuilder message(String type) {
        return Json.createObjectBuilder().add("type", type);
    }
}
