package org.projectspark.notification.ws;

import org.projectspark.platform.security.AccessTokens;

import java.security.Principal;

/**
 * The bearer of the token a client offered in the WebSocket handshake, checked by {@link SocketGate}, as the
 * handshake's principal: how the check's result reaches the endpoint's session. The token is kept to check the
 * session again later; it never appears in {@link #toString()}.
 */
record SocketPrincipal(AccessTokens.Bearer bearer, String token) implements Principal {

    @Override
    public String getName() {
        return bearer.userId().toString();
    }

    @Override
    public String toString() {
        return "SocketPrincipal[" + bearer.userId() + "]";
    }
}
