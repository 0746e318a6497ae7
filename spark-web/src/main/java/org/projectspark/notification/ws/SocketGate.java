package org.projectspark.notification.ws;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.http.RequestContext;
import org.projectspark.platform.http.RequestIds;
import org.projectspark.platform.persistence.DatabaseUnavailable;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemMappers;
import org.projectspark.platform.security.AccessTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * The WebSocket handshake's checks, made before the connection is upgraded so that a refused one costs no socket and
 * is answered with a problem document: the {@code Origin} must be the web client's (CLIENT_URL) when there is one
 * (native apps send none; a browser always does, so a foreign page cannot use a visitor's token); a token offered as
 * the {@code bearer.<JWT>} subprotocol must be valid, of an open session, and come with {@code spark.v1}. A valid one
 * travels to the endpoint as the request's principal ({@link SocketPrincipal}). Without one the socket opens and
 * must authenticate with its first message.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class SocketGate extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SocketGate.class.getName());
    static final String BEARER_PREFIX = "bearer.";

    @Inject
    SparkSettings settings;

    @Inject
    AccessTokens tokens;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && !settings.clientOrigins().contains(origin)) {
            refuse(request, response, 403, "forbidden-origin", "Origin not allowed",
                    "WebSocket connections are accepted from the web client's origin (CLIENT_URL) or from apps that send no Origin");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            // 400, not 426: with the Upgrade header 426 asks for, the server's HTTP layer sends the answer as a
            // protocol switch (no length, the connection held until it times out)
            refuse(request, response, 400, "bad-handshake", "Bad WebSocket handshake",
                    "This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket); docs/api.md, WebSocket");
            return;
        }
        List<String> offered = offeredProtocols(request);
        List<String> bearers = offered.stream().filter(p -> p.startsWith(BEARER_PREFIX)).toList();
        if (bearers.isEmpty()) {
            chain.doFilter(request, response); // authenticates with its first message
            return;
        }
        if (bearers.size() > 1 || !offered.contains(SocketProtocol.SUBPROTOCOL)) {
            refuse(request, response, 400, "bad-handshake", "Bad WebSocket handshake",
                    "Offer exactly two subprotocols: " + SocketProtocol.SUBPROTOCOL + " and bearer.<access token>; the server selects "
                            + SocketProtocol.SUBPROTOCOL);
            return;
        }
        String token = bearers.get(0).substring(BEARER_PREFIX.length());
        AccessTokens.Bearer bearer;
        try {
            bearer = tokens.verify(token);
        } catch (AuthenticationFailedException e) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            refuse(request, response, 401, e.type(), e.title(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            LOG.warning(() -> "The database could not be reached checking a WebSocket's session: " + e.getMessage());
            RetryLaterException later = new RetryLaterException(ProblemMappers.DATABASE_UNAVAILABLE, ProblemMappers.RETRY_AFTER_SECONDS);
            response.setHeader("Retry-After", String.valueOf(later.retryAfterSeconds()));
            refuse(request, response, later.status(), later.type(), later.title(), later.getMessage());
            return;
        }
        SocketPrincipal principal = new SocketPrincipal(bearer, token);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }
        }, response);
    }

    /** Sec-WebSocket-Protocol may come as several headers, each a comma-separated list (RFC 6455 4.1). */
    private static List<String> offeredProtocols(HttpServletRequest request) {
        List<String> offered = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String p : header.split(",")) {
                if (!p.isBlank()) {
                    offered.add(p.trim());
                }
            }
        }
        return offered;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        String id = RequestIds.begin(request);
        Problem problem = Problem.of(status, slug, title, detail).at(request.getRequestURI()).withRequestId(id);
        response.setStatus(status);
        response.setHeader(RequestContext.HEADER, id);
        response.setContentType(Problem.MEDIA_TYPE);
        byte[] body = jsonb.toJson(problem).getBytes(StandardCharsets.UTF_8);
        // a length, so the client knows where the answer ends even when the listener keeps the connection
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
