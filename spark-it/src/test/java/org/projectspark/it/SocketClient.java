package org.projectspark.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) on /ws/notifications: collects what the server sends and how it closed. */
final class SocketClient implements WebSocket.Listener, AutoCloseable {

    static final String PATH = "/ws/notifications";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** How the server closed the socket; code -1 when the connection failed without a close frame. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private SocketClient() {
    }

    /** Authenticated in the handshake: subprotocols spark.v1 and bearer.<token>. */
    static SocketClient withToken(String base, String token) {
        return open(base, token, null);
    }

    /** Not authenticated yet: it must send an auth message. */
    static SocketClient anonymous(String base) {
        return open(base, null, null);
    }

    static SocketClient open(String base, String token, String origin) {
        SocketClient client = new SocketClient();
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.subprotocols("spark.v1", "bearer." + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        client.socket = b.buildAsync(URI.create(base.replaceFirst("^http", "ws") + PATH), client).join();
        return client;
    }

    /** The HTTP status a refused handshake was answered with. */
    static int refusal(String base, String token, String origin) {
        try {
            open(base, token, origin).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The next message, whatever its type. */
    JsonObject next(Duration within) {
        try {
            JsonObject m = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no message within " + within);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message of a type, skipping others (an expiry warning may come at any time). */
    JsonObject next(String type, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type + " message within " + within);
            }
            JsonObject m = next(Duration.ofNanos(left));
            if (type.equals(m.getString("type"))) {
                return m;
            }
        }
    }

    /** Notifications until caught-up, in the order received; the caught-up message last. */
    List<JsonObject> untilCaughtUp(Duration within) {
        List<JsonObject> got = new ArrayList<>();
        long until = System.nanoTime() + within.toNanos();
        while (true) {
            JsonObject m = next(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            String type = m.getString("type");
            if ("notification".equals(type) || "caught-up".equals(type)) {
                got.add(m);
            }
            if ("caught-up".equals(type)) {
                return got;
            }
        }
    }

    /** Whether nothing (of these types) arrives for a while. */
    boolean quietFor(Duration d, String... types) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            try {
                JsonObject m = received.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m != null && List.of(types).contains(m.getString("type"))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    Closed awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + within + " (" + e + ")");
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                received.add(reader.readObject());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1); // the JDK answers with a pong by itself
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        socket.abort();
    }
}
