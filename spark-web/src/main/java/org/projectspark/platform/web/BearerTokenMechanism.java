package org.projectspark.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.account.service.SessionGuard;
import org.projectspark.account.service.TokenService;
import org.projectspark.platform.error.AuthenticationFailedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Jakarta Security authentication for the API: a valid {@code Authorization: Bearer} access token whose
 * session is still open makes the caller known to the container (principal = user id, groups = roles),
 * and {@code @RolesAllowed} does the rest. Requests without a token pass on anonymous; a bad, expired or
 * revoked token is answered 401 with a problem document here.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_ATTRIBUTE = "spark.sessionId";
    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    SessionGuard sessions;

    @Inject
    HttpMetrics metrics;

    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return context.doNothing();
        }
        long started = System.nanoTime();
        try {
            TokenService.AccessClaims claims = tokens.verify(header.substring(BEARER.length()).trim());
            if (!sessions.isActive(claims.sessionId())) {
                throw new AuthenticationFailedException("This session has ended (signed out, or the account was disabled); sign in again");
            }
            request.setAttribute(SESSION_ATTRIBUTE, claims.sessionId());
            return context.notifyContainerAboutLogin(claims.userId().toString(), claims.roles());
        } catch (AuthenticationFailedException e) {
            refuse(request, response, e.getMessage());
            metrics.record(request.getMethod(), "AUTHENTICATION", 401, Duration.ofNanos(System.nanoTime() - started));
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) {
        String id = RequestIds.begin(request);
        Problem problem = new Problem("https://projectspark.org/problems/unauthorized", "Unauthorized", 401, detail,
                request.getRequestURI(), id, null);
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setHeader(RequestContext.HEADER, id);
            response.setContentType(Problem.MEDIA_TYPE);
            response.getOutputStream().write(jsonb.toJson(problem).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the client went away; nothing left to tell it
        }
    }
}
