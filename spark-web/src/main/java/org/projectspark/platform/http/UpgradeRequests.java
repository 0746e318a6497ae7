package org.projectspark.platform.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;

/**
 * A REST call that asks for a protocol upgrade ({@code Upgrade: websocket} on an API path) is answered as the plain
 * request it also is (RFC 9110 lets a server ignore {@code Upgrade}). The server's HTTP layer treats everything after
 * such a request's headers as the new protocol's stream, so reading its "body" would wait for the connection to end
 * and hold a worker thread; without {@code Content-Length} or {@code Transfer-Encoding} an HTTP/1.1 request has no
 * body (RFC 9112 6.3), and it gets none. WebSocket endpoints are not under the API's path and never come here.
 */
@Provider
@PreMatching
@Priority(5)
public class UpgradeRequests implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString("Upgrade") != null
                && request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null
                && request.getHeaderString("Transfer-Encoding") == null) {
            request.setEntityStream(InputStream.nullInputStream());
        }
    }
}
