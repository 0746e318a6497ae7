package org.projectspark.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.error.SparkException;
import org.projectspark.platform.http.HttpMetrics;
import org.projectspark.platform.http.RequestContext;
import org.projectspark.platform.http.RequestIds;
import org.projectspark.platform.persistence.DatabaseUnavailable;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemMappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Authentication for the API, the Jakarta Security way: the container calls this mechanism for every request (through
 * Payara's Jakarta Authentication bridge). A valid {@code Authorization: Bearer} access token whose session is still
 * open makes the caller known to the container (principal = user id, groups = roles), and {@code @RolesAllowed} does
 * the rest. Requests without a token pass on anonymous; a bad, expired or revoked
 * token is answered 401 with a problem document here. Whether a token is valid and its session open is for the
 * feature that issues tokens to say ({@link AccessTokens}).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerTokenMechanism.class.getName());

    public static final String SESSION_ATTRIBUTE = "spark.sessionId";
    private static final String BEARER = "Bearer ";

    /** Who a valid token says the caller is. */
    public record Caller(String userId, Set<String> roles) {
    }

    @Inject
    AccessTokens tokens;

    @Inject
    HttpMetrics metrics;

    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Optional<Caller> caller;
        try {
            caller = authenticate(request, response);
        } catch (AuthenticationFailedException | RetryLaterException e) {
            return AuthenticationStatus.SEND_FAILURE; // answered 401 (or 503) already
        }
        if (caller.isEmpty()) {
            return context.doNothing(); // anonymous: @RolesAllowed refuses where a role is needed
        }
        Caller c = caller.get();
        // for TokenRoles: the roles as the container's default group-to-role mapping gives them
        request.setAttribute(TokenRoles.ATTRIBUTE, new org.projectspark.platform.security.Caller(UUID.fromString(c.userId()), Set.copyOf(c.roles())));
        return context.notifyContainerAboutLogin(c.userId(), c.roles());
    }

    /**
     * The caller of a request with a valid token, empty for one without a token (anonymous).
     *
     * @throws AuthenticationFailedException after answering 401 for a bad, expired or revoked token
     * @throws RetryLaterException after answering 503 when the session could not be checked (database unreachable)
     */
    private Optional<Caller> authenticate(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            AccessTokens.Bearer bearer = tokens.verify(header.substring(BEARER.length()).trim());
            request.setAttribute(SESSION_ATTRIBUTE, bearer.sessionId());
            return Optional.of(new Caller(bearer.userId().toString(), bearer.roles()));
        } catch (AuthenticationFailedException e) {
            answer(request, response, e);
            metrics.record(request.getMethod(), "AUTHENTICATION", 401, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            // the session check could not reach the database: the same request may be sent again in a moment
            LOG.warning(() -> "The database could not be reached checking a session: " + e.getMessage());
            RetryLaterException later = new RetryLaterException(ProblemMappers.DATABASE_UNAVAILABLE, ProblemMappers.RETRY_AFTER_SECONDS);
            answer(request, response, later);
            metrics.record(request.getMethod(), "AUTHENTICATION", 503, Duration.ofNanos(System.nanoTime() - started));
            throw later;
        }
    }

    /** The failure as a problem document, written before the request reaches JAX-RS (and its mappers). */
    private void answer(HttpServletRequest request, HttpServletResponse response, SparkException failure) {
        String id = RequestIds.begin(request);
        Problem problem = Problem.of(failure.status(), failure.type(), failure.title(), failure.getMessage())
                .at(request.getRequestURI()).withRequestId(id);
        try {
            response.setStatus(failure.status());
            if (failure instanceof RetryLaterException later) {
                response.setHeader("Retry-After", String.valueOf(later.retryAfterSeconds()));
            } else {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            response.setHeader(RequestContext.HEADER, id);
            response.setContentType(Problem.MEDIA_TYPE);
            response.getOutputStream().write(jsonb.toJson(problem).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the client went away; nothing left to tell it
        }
    }
}
