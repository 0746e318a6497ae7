package org.projectspark.notification.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.projectspark.notification.api.NotificationView;
import org.projectspark.notification.domain.Notification;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.persistence.DatabaseUnavailable;
import org.projectspark.platform.security.AccessTokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One notification socket: who it is for, what it has sent, and its queue of messages to write.
 * <p>
 * Writes: one at a time, asynchronously, from a bounded queue, so the thread that hands a message over (a Data Grid
 * listener, a request's commit) never waits for the network; a client that lets the queue fill is dropped as too
 * slow, and comes back with {@code resume}.
 * <p>
 * Order and duplicates: a notification is announced only after it committed, so anything announced is also in the
 * table. While a catch-up reads the table, announced ones are held back and sent after it, and each position
 * ({@code seq}) goes out once per connection. When a catch-up stops early ({@code more}), held ones are let go: the
 * client's next resume reads them from the table in order.
 */
final class LiveConnection {

    private static final Logger LOG = Logger.getLogger(LiveConnection.class.getName());
    /** Bad messages a connection may send before it is closed (1008): a client this broken is not reading its errors. */
    private static final int MAX_BAD_MESSAGES = 20;
    /** Positions remembered as sent, to send each once even when announcements and a catch-up overlap. */
    private static final int REMEMBERED = 1024;
    /** Announcements held during a catch-up; beyond, they are read from the table by the next resume. */
    private static final int MAX_HELD = 64;

    private record Close(CloseReason reason) {
    }

    /** A WebSocket ping, queued like a message: every write to the socket is the writer's. */
    private static final Object PING = new Object();

    /** A notification's position and its message, rendered. */
    private record Held(long seq, String frame) {
    }

    private final Session session;
    private final LiveConnections owner;
    private final long openedAt = System.currentTimeMillis();

    // guarded by this
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean overflowed;
    private boolean closing;
    private final LinkedHashSet<Long> sent = new LinkedHashSet<>();
    private long floor;
    private boolean catchingUp;
    private boolean behind;
    private final List<Held> held = new ArrayList<>();
    private boolean heldOverflow;

    // written under this, read by the heartbeat
    private volatile UUID userId;
    private volatile UUID sessionId;
    private volatile String token;
    private volatile Instant expiresAt;
    private volatile boolean warned;
    private volatile long lastPingAt;
    private volatile long pingSentAt;
    private volatile long pongAt;
    /** When the write under way started (0: none): one that takes longer than the pong timeout is stuck. */
    private volatile long writeStartedAt;

    /** Touched by the session's message thread only (the container delivers one message at a time). */
    private int badMessages;

    LiveConnection(Session session, LiveConnections owner) {
        this.session = session;
        this.owner = owner;
    }

    UUID userId() {
        return userId;
    }

    UUID sessionId() {
        return sessionId;
    }

    boolean authenticated() {
        return userId != null;
    }

    // --- the client's messages ----------------------------------------------------------------------------------

    void received(String text) {
        SocketProtocol.Incoming m = SocketProtocol.Incoming.read(text);
        if (!m.ok()) {
            bad(m.errorCode(), m.error());
            return;
        }
        switch (m.type()) {
            case "ping" -> send(SocketProtocol.pong());
            case "auth" -> auth(m);
            case "resume" -> {
                if (!authenticated()) {
                    bad("not-authenticated", "Authenticate first: {\"type\":\"auth\",\"token\":\"<access token>\"}");
                } else {
                    m.position("after").ifPresentOrElse(this::resume,
                            () -> bad("bad-message", "resume needs \"after\": the last seq you have (0 for none), a whole number"));
                }
            }
            case "renew" -> renew(m);
            default -> bad("unknown-type", "Unknown message type '" + clip(m.type()) + "': send auth, resume, renew or ping");
        }
    }

    void binaryReceived() {
        refuse(CloseReason.CloseCodes.CANNOT_ACCEPT, "binary", "Messages are JSON text frames; binary frames are not accepted");
    }

    void ponged() {
        pongAt = System.currentTimeMillis();
    }

    private void bad(String code, String message) {
        if (++badMessages > MAX_BAD_MESSAGES) {
            refuse(CloseReason.CloseCodes.VIOLATED_POLICY, code, "Too many messages that could not be understood");
        } else {
            send(SocketProtocol.error(code, message));
        }
    }

    private void auth(SocketProtocol.Incoming m) {
        if (authenticated()) {
            bad("already-authenticated", "This connection is authenticated already; send renew to give it a new token");
            return;
        }
        Optional<String> t = m.text("token");
        Optional<Long> after = m.position("after");
        if (t.isEmpty() || (m.has("after") && after.isEmpty())) {
            bad("bad-message", "auth needs \"token\" (your access token) and may have \"after\" (the last seq you have, a whole number)");
            return;
        }
        verify(t.get()).ifPresent(bearer -> {
            authenticated(bearer, t.get());
            after.ifPresent(this::resume);
        });
    }

    private void renew(SocketProtocol.Incoming m) {
        if (!authenticated()) {
            bad("not-authenticated", "Authenticate first: {\"type\":\"auth\",\"token\":\"<access token>\"}");
            return;
        }
        Optional<String> t = m.text("token");
        if (t.isEmpty()) {
            bad("bad-message", "renew needs \"token\": a new access token of the same user");
            return;
        }
        AccessTokens.Bearer bearer;
        try {
            bearer = owner.tokens().verify(t.get());
        } catch (AuthenticationFailedException e) {
            // the connection keeps the token it has until that one expires
            send(SocketProtocol.error("invalid-token", e.getMessage()));
            return;
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            send(SocketProtocol.error("unavailable", "The token could not be checked just now; renew again in a few seconds"));
            return;
        }
        if (!bearer.userId().equals(userId)) {
            refuse(SocketProtocol.FORBIDDEN, "forbidden", "A renewal's token must be of the connection's own user");
            return;
        }
        synchronized (this) {
            token = t.get();
            sessionId = bearer.sessionId();
            expiresAt = bearer.expiresAt();
            warned = false;
        }
        send(SocketProtocol.renewed(bearer.expiresAt()));
    }

    /** The bearer of a token offered in an auth message; empty after refusing the connection. */
    private Optional<AccessTokens.Bearer> verify(String t) {
        try {
            return Optional.of(owner.tokens().verify(t));
        } catch (AuthenticationFailedException e) {
            refuse(SocketProtocol.UNAUTHORIZED, "unauthorized", e.getMessage());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            refuse(CloseReason.CloseCodes.TRY_AGAIN_LATER, "unavailable", "The token could not be checked just now; connect again in a few seconds");
        }
        return Optional.empty();
    }

    /** Authenticated, by the handshake's token or an auth message: counted against the user's connections, told so. */
    void authenticated(AccessTokens.Bearer bearer, String t) {
        synchronized (this) {
            token = t;
            sessionId = bearer.sessionId();
            expiresAt = bearer.expiresAt();
            userId = bearer.userId();
        }
        owner.register(this);
        send(SocketProtocol.ready(userId.toString(), bearer.expiresAt(), owner.settings().pingInterval().toSeconds(), owner.settings().sendQueue()));
    }

    // --- catch-up and live delivery ------------------------------------------------------------------------------

    /** Sends what was written after {@code after}, oldest first, as much as the queue has room for, then caught-up. */
    void resume(long after) {
        int room;
        synchronized (this) {
            catchingUp = true;
            behind = false;
            floor = after;
            held.clear();
            heldOverflow = false;
            room = owner.settings().sendQueue() - queue.size() - 2;
        }
        int page = Math.min(SocketProtocol.CATCH_UP_PAGE, room);
        List<Notification> missed;
        try {
            missed = page <= 0 ? List.of() : owner.notifications().after(userId, after, page + 1);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read missed notifications for a socket: {0}", e.toString());
            synchronized (this) {
                catchingUp = false;
                behind = true;
            }
            send(SocketProtocol.error("unavailable", "Missed notifications could not be read just now; send resume again in a few seconds"));
            return;
        }
        boolean more = page <= 0 || missed.size() > page;
        List<Held> found = missed.stream().limit(Math.max(page, 0))
                .map(n -> new Held(n.seq(), SocketProtocol.notification(NotificationView.of(n)))).toList();
        long last = after;
        boolean start = false;
        // queued under the same lock that ends the catch-up, so no announced one can slip in between
        synchronized (this) {
            for (Held n : found) {
                last = n.seq();
                if (remember(n.seq())) {
                    start |= queueLocked(n.frame());
                }
            }
            more = more || heldOverflow;
            if (!more) {
                held.sort(Comparator.comparingLong(Held::seq));
                for (Held h : held) {
                    if (h.seq() > floor && remember(h.seq())) {
                        start |= queueLocked(h.frame());
                        last = Math.max(last, h.seq());
                    }
                }
            }
            held.clear();
            catchingUp = false;
            behind = more;
            start |= queueLocked(SocketProtocol.caughtUp(last, more));
        }
        afterQueueing(start);
    }

    /** A notification announced for this connection's user, from this instance or another. */
    void live(long seq, String frame) {
        boolean start;
        synchronized (this) {
            if (closing || !authenticated() || seq <= floor || sent.contains(seq)) {
                return;
            }
            if (catchingUp) {
                if (held.size() < MAX_HELD) {
                    held.add(new Held(seq, frame));
                } else {
                    heldOverflow = true;
                }
                return;
            }
            if (behind) {
                return; // in the table: the client's next resume reads it in order
            }
            remember(seq);
            start = queueLocked(frame);
        }
        afterQueueing(start);
    }

    /** Whether {@code seq} was not sent before; remembers it. */
    private boolean remember(long seq) {
        if (!sent.add(seq)) {
            return false;
        }
        if (sent.size() > REMEMBERED) {
            Iterator<Long> oldest = sent.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    // --- heartbeat, expiry, session ------------------------------------------------------------------------------

    /** Once a second: authentication deadline, token expiry, pings and their answers. */
    void tick(long now) {
        synchronized (this) {
            if (closing) {
                return;
            }
        }
        if (!authenticated()) {
            if (now - openedAt > owner.settings().authTimeout().toMillis()) {
                refuse(SocketProtocol.AUTH_TIMEOUT, "auth-timeout", "Authenticate within " + owner.settings().authTimeout().toSeconds()
                        + " s of connecting: {\"type\":\"auth\",\"token\":\"<access token>\"}");
            }
            return;
        }
        long expiry = expiresAt.toEpochMilli();
        if (now >= expiry) {
            refuse(SocketProtocol.UNAUTHORIZED, "token-expired", "The access token expired; renew it before it does, or connect again with a new one",
                    "expired");
            return;
        }
        if (!warned && now >= expiry - SocketProtocol.EXPIRY_WARNING_SECONDS * 1000) {
            warned = true;
            send(SocketProtocol.expiring(expiresAt));
        }
        long writeStarted = writeStartedAt;
        if (writeStarted > 0 && now - writeStarted > owner.settings().pongTimeout().toMillis()) {
            drop("write-failed", CloseReason.CloseCodes.GOING_AWAY, "A message could not be written within " + owner.settings().pongTimeout().toSeconds() + " s");
            return;
        }
        long unanswered = pingSentAt;
        if (unanswered > 0 && pongAt < unanswered && now - unanswered > owner.settings().pongTimeout().toMillis()) {
            drop("heartbeat", CloseReason.CloseCodes.GOING_AWAY, "No answer to ping within " + owner.settings().pongTimeout().toSeconds() + " s");
            return;
        }
        if (now - lastPingAt >= owner.settings().pingInterval().toMillis()) {
            lastPingAt = now;
            if (unanswered == 0 || pongAt >= unanswered) {
                pingSentAt = now;
            }
            ping();
            owner.later(this::checkSession);
        }
    }

    private void ping() {
        boolean start;
        synchronized (this) {
            start = queueLocked(PING);
        }
        afterQueueing(start);
    }

    /** Its session is still open (not signed out, account not disabled): checked again on every ping. */
    private void checkSession() {
        String t = token;
        try {
            owner.tokens().verify(t);
        } catch (AuthenticationFailedException e) {
            if (now() < expiresAt.toEpochMilli()) {
                sessionEnded();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not check a socket's session; checked again at the next ping", e);
        }
    }

    void sessionEnded() {
        refuse(SocketProtocol.UNAUTHORIZED, "session-ended", "This session has ended (signed out, or the account was disabled); sign in again",
                "session-ended");
    }

    /** Something failed that is no fault of the client's: it is told so, never what (the log says). */
    void failed() {
        refuse(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server-error", "Unexpected server error; connect again in a few seconds");
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    // --- writing and closing -------------------------------------------------------------------------------------

    /** Queues a message; a full queue drops the connection as too slow. */
    void send(String text) {
        boolean start;
        synchronized (this) {
            start = queueLocked(text);
        }
        afterQueueing(start);
    }

    /** Under the lock: queues a message, or notes that the queue is full; whether the writer must be started. */
    private boolean queueLocked(Object text) {
        if (closing) {
            return false;
        }
        if (queue.size() >= owner.settings().sendQueue()) {
            overflowed = true;
            return false;
        }
        queue.add(text);
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    /** After queueing, outside the lock: drops the connection whose queue overflowed, or starts the writer. */
    private void afterQueueing(boolean start) {
        boolean over;
        synchronized (this) {
            over = overflowed && !closing;
        }
        if (over) {
            owner.metrics().messagesDropped(1);
            drop("slow", CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too slow: more than " + owner.settings().sendQueue() + " messages waiting");
        } else if (start) {
            owner.write(this::pump);
        }
    }

    /**
     * Writes what is queued, in order, on the writer's thread. Payara's WebSocket writes block while the client does
     * not read, so no thread that hands a message over ever writes; a write that blocks longer than the pong timeout
     * drops the connection (the heartbeat sees it).
     */
    private void pump() {
        while (true) {
            Object next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            if (next instanceof Close c) {
                closeSession(c.reason());
                return;
            }
            writeStartedAt = System.currentTimeMillis();
            try {
                if (next == PING) {
                    session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
                } else {
                    session.getBasicRemote().sendText((String) next);
                    owner.metrics().sent();
                }
            } catch (IOException | RuntimeException e) {
                writeStartedAt = 0;
                owner.metrics().messagesDropped(next == PING ? 0 : 1);
                drop("write-failed", CloseReason.CloseCodes.GOING_AWAY, "A message could not be written");
                return;
            }
            writeStartedAt = 0;
        }
    }

    /** Tells the client why with an error message, then closes once what was queued before it is written. */
    void refuse(CloseReason.CloseCode code, String errorCode, String message) {
        refuse(code, errorCode, message, null);
    }

    /** The same, counted as a connection dropped for {@code why} (the first refusal only). */
    void refuse(CloseReason.CloseCode code, String errorCode, String message, String why) {
        synchronized (this) {
            if (closing) {
                return;
            }
        }
        send(SocketProtocol.error(errorCode, message));
        boolean start;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Close(SocketProtocol.close(code, message)));
            start = !writing;
            writing = true;
        }
        if (why != null) {
            owner.metrics().connectionDropped(why);
        }
        owner.unregister(this);
        if (start) {
            owner.write(this::pump);
        }
    }

    /** Closes at once, giving up what was queued: for a client that is not reading. */
    void drop(String why, CloseReason.CloseCode code, String reason) {
        int dropped;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            dropped = (int) queue.stream().filter(String.class::isInstance).count();
            queue.clear();
        }
        owner.metrics().messagesDropped(dropped);
        if (why != null) {
            owner.metrics().connectionDropped(why);
        }
        owner.unregister(this);
        LOG.log(Level.FINE, "Dropping a notification socket: {0}", reason);
        owner.write(() -> closeSession(SocketProtocol.close(code, reason)));
    }

    /** The container closed it (either side): whatever was waiting is given up. */
    void closed() {
        int dropped;
        synchronized (this) {
            closing = true;
            dropped = (int) queue.stream().filter(String.class::isInstance).count();
            queue.clear();
        }
        owner.metrics().messagesDropped(dropped);
    }

    private void closeSession(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing a notification socket failed (the peer is gone)", e);
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
