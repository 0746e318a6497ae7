package org.projectspark.notification.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This instance's notification sockets, in the application scope of {@code /metrics}: {@code websocket_connections}
 * (open now), {@code websocket_messages_sent_total}, {@code websocket_messages_dropped_total} (messages that were
 * waiting for a connection when it was dropped, or did not fit its queue) and
 * {@code websocket_connections_dropped_total} by {@code reason} (slow, heartbeat, replaced, expired, session-ended).
 */
@ApplicationScoped
public class SocketMetrics {

    private static final Metadata SENT = Metadata.builder().withName("websocket_messages_sent")
            .withDescription("Messages written to notification WebSocket connections by this instance").withUnit(MetricUnits.NONE).build();
    private static final Metadata DROPPED_MESSAGES = Metadata.builder().withName("websocket_messages_dropped")
            .withDescription("Messages to notification WebSocket connections given up: the connection was too slow or was dropped")
            .withUnit(MetricUnits.NONE).build();
    private static final Metadata DROPPED_CONNECTIONS = Metadata.builder().withName("websocket_connections_dropped")
            .withDescription("Notification WebSocket connections closed by this instance, by reason").withUnit(MetricUnits.NONE).build();
    private static final Metadata OPEN = Metadata.builder().withName("websocket_connections")
            .withDescription("Notification WebSocket connections open on this instance").withUnit(MetricUnits.NONE).build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private volatile Counter sent;
    private volatile Counter droppedMessages;
    private final Map<String, Counter> droppedConnections = new ConcurrentHashMap<>();

    void register(Supplier<Integer> open) {
        registry.gauge(OPEN, open, s -> s.get());
        sent = registry.counter(SENT);
        droppedMessages = registry.counter(DROPPED_MESSAGES);
    }

    void sent() {
        sent.inc();
    }

    void messagesDropped(int count) {
        if (count > 0) {
            droppedMessages.inc(count);
        }
    }

    void connectionDropped(String reason) {
        droppedConnections.computeIfAbsent(reason, r -> registry.counter(DROPPED_CONNECTIONS, new Tag("reason", r))).inc();
    }
}
