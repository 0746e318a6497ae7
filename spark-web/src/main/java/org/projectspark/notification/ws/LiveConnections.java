package org.projectspark.notification.ws;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.projectspark.account.service.SessionsEnded;
import org.projectspark.notification.service.LiveDeliverySettings;
import org.projectspark.notification.service.MyNotifications;
import org.projectspark.platform.security.AccessTokens;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The notification sockets open on this instance, by user: delivery of announced notifications to a user's sockets
 * here, the per-user bound (one more closes the user's oldest: the newest is the device in hand, the oldest most
 * likely a phone that changed network and whose dead socket the heartbeat has not caught yet), and a once-a-second
 * round of heartbeats, expiries and authentication deadlines.
 */
@ApplicationScoped
public class LiveConnections {

    private static final Logger LOG = Logger.getLogger(LiveConnections.class.getName());

    @Inject
    AccessTokens tokens;

    @EJB
    MyNotifications notifications;

    @Inject
    LiveDeliverySettings settings;

    @Inject
    SocketMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /**
     * Threads for the sockets' writers (apart from the heartbeat's thread, which a blocked write must not hold up),
     * made by the server's thread factory, so they carry the application's context from their start. Not the managed
     * executor: it saves and restores the container's context around every task, and a message to a whole school is
     * one task per socket.
     */
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ThreadPoolExecutor writers;

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<UUID, List<LiveConnection>> byUser = new ConcurrentHashMap<>();
    private ScheduledFuture<?> rounds;

    @PostConstruct
    void start() {
        metrics.register(open::size);
        int n = settings.writerThreads();
        writers = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        writers.allowCoreThreadTimeOut(true);
        rounds = scheduler.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        rounds.cancel(false);
        for (LiveConnection c : open) {
            c.drop(null, CloseReason.CloseCodes.GOING_AWAY, "The server is stopping; connect again");
        }
        writers.shutdown(); // the closes just queued are written; a stuck one is given up with the threads
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A socket opened; authenticated already when its handshake offered a valid token. */
    LiveConnection opened(Session session) {
        LiveConnection c = new LiveConnection(session, this);
        open.add(c);
        if (session.getUserPrincipal() instanceof SocketPrincipal p) {
            c.authenticated(p.bearer(), p.token());
        }
        return c;
    }

    void closed(LiveConnection c) {
        c.closed();
        unregister(c);
    }

    /** Counts an authenticated socket for its user; beyond the bound the user's oldest is closed. */
    void register(LiveConnection c) {
        List<LiveConnection> replaced = new ArrayList<>();
        int max = settings.maxConnectionsPerUser();
        byUser.compute(c.userId(), (user, list) -> {
            List<LiveConnection> now = list == null ? new ArrayList<>() : new ArrayList<>(list);
            now.add(c);
            while (now.size() > max) {
                replaced.add(now.remove(0));
            }
            return List.copyOf(now);
        });
        for (LiveConnection old : replaced) {
            old.refuse(SocketProtocol.REPLACED, "replaced",
                    "More than " + max + " connections of this user: the oldest is closed; do not reconnect it automatically", "replaced");
        }
    }

    void unregister(LiveConnection c) {
        open.remove(c);
        UUID user = c.userId();
        if (user != null) {
            byUser.computeIfPresent(user, (u, list) -> {
                List<LiveConnection> rest = list.stream().filter(x -> x != c).toList();
                return rest.isEmpty() ? null : rest;
            });
        }
    }

    /** A notification announced for a user: to each of their sockets on this instance (never blocks). */
    void deliver(UUID userId, long seq, String frame) {
        for (LiveConnection c : byUser.getOrDefault(userId, List.of())) {
            c.live(seq, frame);
        }
    }

    /** Signed out here: that session's sockets on this instance close now (other instances find out at their next ping). */
    void sessionsEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsEnded ended) {
        Set<UUID> ids = new HashSet<>(ended.sessionIds());
        for (LiveConnection c : open) {
            if (c.authenticated() && ids.contains(c.sessionId())) {
                c.sessionEnded();
            }
        }
    }

    private void round() {
        long now = System.currentTimeMillis();
        for (LiveConnection c : open) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A notification socket's heartbeat failed", e);
            }
        }
    }

    /** Work that may wait on the network or the database, off the caller's thread. */
    void later(Runnable work) {
        try {
            scheduler.execute(work);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.FINE, "Executor stopping; work dropped", stopping);
        }
    }

    /** Writes to a socket, which block while its client does not read: never on the caller's thread. */
    void write(Runnable writer) {
        try {
            writers.execute(writer);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.FINE, "Executor stopping; write dropped", stopping);
        }
    }

    int openCount() {
        return open.size();
    }

    AccessTokens tokens() {
        return tokens;
    }

    MyNotifications notifications() {
        return notifications;
    }

    LiveDeliverySettings settings() {
        return settings;
    }

    SocketMetrics metrics() {
        return metrics;
    }
}
