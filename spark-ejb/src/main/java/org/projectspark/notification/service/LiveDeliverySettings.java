package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;

import java.time.Duration;

/**
 * Bounds of live delivery over the notification WebSocket ({@code .env.example} lists them; defaults in
 * {@code META-INF/microprofile-config.properties}; docs/api.md tells clients what they mean). Each instance applies
 * them to its own connections. A bad value fails the deployment with the setting's name.
 */
@ApplicationScoped
public class LiveDeliverySettings {

    /** Open connections per user on one instance; one more closes that user's oldest. */
    @Inject @ConfigProperty(name = "WS_MAX_CONNECTIONS_PER_USER")
    int maxConnectionsPerUser;

    /** Messages waiting to be written to one connection; a client that lets more pile up is dropped as too slow. */
    @Inject @ConfigProperty(name = "WS_SEND_QUEUE")
    int sendQueue;

    /**
     * Threads writing to sockets on one instance: a write blocks while its client does not read (until the pong
     * timeout drops it), so this many stalled phones can hold up the others for that long.
     */
    @Inject @ConfigProperty(name = "WS_WRITER_THREADS")
    int writerThreads;

    /** How often the server pings each connection. */
    @Inject @ConfigProperty(name = "WS_PING_INTERVAL")
    String pingInterval;

    /** How long a ping may go unanswered (and a write may take) before the connection is dropped as dead. */
    @Inject @ConfigProperty(name = "WS_PONG_TIMEOUT")
    String pongTimeout;

    /** How long a connection may stay open without authenticating. */
    @Inject @ConfigProperty(name = "WS_AUTH_TIMEOUT")
    String authTimeout;

    private Duration ping;
    private Duration pong;
    private Duration auth;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        problems.check(maxConnectionsPerUser >= 1, "WS_MAX_CONNECTIONS_PER_USER must be at least 1");
        problems.check(writerThreads >= 1 && writerThreads <= 1000, "WS_WRITER_THREADS must be between 1 and 1000");
        problems.check(sendQueue >= 16, "WS_SEND_QUEUE must be at least 16 (a catch-up page needs room)");
        ping = problems.duration("WS_PING_INTERVAL", pingInterval, 1000);
        pong = problems.duration("WS_PONG_TIMEOUT", pongTimeout, 1000);
        auth = problems.duration("WS_AUTH_TIMEOUT", authTimeout, 1000);
        problems.check(ping == null || ping.toMillis() >= 1000, "WS_PING_INTERVAL must be at least 1s");
        problems.check(pong == null || pong.toMillis() >= 1000, "WS_PONG_TIMEOUT must be at least 1s");
        problems.check(auth == null || auth.toMillis() >= 1000, "WS_AUTH_TIMEOUT must be at least 1s");
        problems.failIfAny();
    }

    public int maxConnectionsPerUser() { return maxConnectionsPerUser; }
    public int sendQueue() { return sendQueue; }
    public int writerThreads() { return writerThreads; }
    public Duration pingInterval() { return ping; }
    public Duration pongTimeout() { return pong; }
    public Duration authTimeout() { return auth; }
}
