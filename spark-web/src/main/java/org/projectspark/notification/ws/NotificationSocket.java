package org.projectspark.notification.ws;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/notifications}: a user's new notifications as they are raised, on any instance, and those missed while
 * away (docs/api.md, WebSocket). The handshake is checked by {@link SocketGate}; each socket's state is a
 * {@link LiveConnection}. A message larger than {@value SocketProtocol#MAX_MESSAGE_BYTES} bytes closes the socket
 * with 1009 (the container does it).
 */
@ServerEndpoint(value = "/ws/notifications", subprotocols = SocketProtocol.SUBPROTOCOL)
public class NotificationSocket {

    private static final Logger LOG = Logger.getLogger(NotificationSocket.class.getName());

    @Inject
    LiveConnections connections;

    private LiveConnection connection;

    @OnOpen
    public void open(Session session) {
        connection = connections.opened(session);
    }

    @OnMessage(maxMessageSize = SocketProtocol.MAX_MESSAGE_BYTES)
    public void text(String message) {
        try {
            connection.received(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A notification socket's message could not be handled", e);
            connection.failed();
        }
    }

    @OnMessage(maxMessageSize = SocketProtocol.MAX_MESSAGE_BYTES)
    public void binary(ByteBuffer message) {
        connection.binaryReceived();
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.ponged();
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connections.closed(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // the container closes the socket (1009 for a message too large, 1011 otherwise); the client is told no more
        LOG.log(Level.FINE, "Notification socket error", failure);
    }
}
