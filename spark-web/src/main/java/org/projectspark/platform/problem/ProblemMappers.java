package org.projectspark.platform.problem;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.error.SparkException;
import org.projectspark.platform.error.TooManyRequestsException;
import org.projectspark.platform.http.RequestContext;
import org.projectspark.platform.persistence.DatabaseUnavailable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure leaves the API as an RFC 9457 problem document with the right status and a detail the
 * client developer can act on. Unexpected failures are logged with the request id and answered 500
 * without any internals.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Business failures thrown by services. */
    @Provider
    public static class Business implements ExceptionMapper<SparkException> {
        @Context
        UriInfo uri;

        Business withUri(UriInfo u) {
            this.uri = u;
            return this;
        }

        @Override
        public Response toResponse(SparkException e) {
            Response.ResponseBuilder r = Problem.of(e.status(), e.type(), e.title(), e.getMessage()).at(path(uri)).toResponse();
            if (e instanceof TooManyRequestsException limited) {
                r.header("Retry-After", limited.retryAfterSeconds());
            }
            if (e instanceof RetryLaterException later) {
                r.header("Retry-After", later.retryAfterSeconds());
            }
            if (e.status() == 401) {
                r.header("WWW-Authenticate", "Bearer");
            }
            return r.build();
        }
    }

    /** Bean Validation on request bodies and parameters: 400 with every invalid field listed. */
    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
            }
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            return Problem.invalid(errors).at(path(uri)).toResponse().build();
        }

        /**
         * {@code register.body.username} becomes {@code username}; a parameter itself (a missing body, a query
         * parameter out of range) is named as it is declared ({@code body}, {@code limit}).
         */
        static String fieldName(Path path) {
            List<String> names = new ArrayList<>();
            String parameter = null;
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.METHOD) {
                    continue;
                }
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                    continue;
                }
                names.add(node.getName());
            }
            return names.isEmpty() ? (parameter != null ? parameter : "request") : String.join(".", names);
        }
    }

    /** A body that is not the JSON the endpoint takes (malformed, wrong types, unknown fields). */
    @Provider
    public static class BadJson implements ExceptionMapper<JsonbException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(JsonbException e) {
            return badBody(e, uri);
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ProcessingException e) {
            return badBody(e, uri);
        }
    }

    /** JAX-RS's own failures: unknown path, wrong method, unsupported media type, and so on. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Context
        SecurityContext security;

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof ProblemException refused) {
                return refused.problem().at(path(uri)).toResponse().build();
            }
            if (find(e, BodyTooLargeException.class) != null) {
                return badBody(e, uri);
            }
            if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
                return badBody(e.getCause(), uri);
            }
            Problem problem = describe(e);
            Response.ResponseBuilder r = problem.at(path(uri)).toResponse();
            if (problem.status() == 401) {
                r.header("WWW-Authenticate", "Bearer");
            }
            if (e instanceof NotAllowedException) {
                r.allow(e.getResponse().getAllowedMethods());
            }
            return r.build();
        }

        private Problem describe(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return Problem.of(404, "not-found", "Not found", "There is no API resource at this path");
            }
            if (e instanceof NotAllowedException) {
                return Problem.of(405, "method-not-allowed", "Method not allowed",
                        "This resource accepts only " + e.getResponse().getAllowedMethods());
            }
            if (e instanceof NotSupportedException) {
                return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                        "Send the body as application/json (Content-Type: application/json)");
            }
            if (e instanceof NotAuthorizedException) {
                return Problem.of(401, "unauthorized", "Unauthorized",
                        "Sign in first: send Authorization: Bearer <accessToken> (POST /api/v1/auth/login gives one)");
            }
            if (e instanceof ForbiddenException) {
                return security.getUserPrincipal() == null
                        ? Problem.of(401, "unauthorized", "Unauthorized",
                                "Sign in first: send Authorization: Bearer <accessToken> (POST /api/v1/auth/login gives one)")
                        : Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this");
            }
            String reason = e.getResponse().getStatusInfo().getReasonPhrase();
            return status == 400
                    ? Problem.of(400, "malformed-body", "Malformed request body", "The request body is empty or not valid JSON for this endpoint")
                    : Problem.of(status, "http-" + status, reason, reason);
        }
    }

    /**
     * Business failures that reached here wrapped (an EJBException from a bean, a Jersey wrapper) are
     * unwrapped; a database that could not be reached is 503 with Retry-After (the request may be sent again);
     * anything else is our bug: log it with the request id, tell the client only that it happened.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(Throwable e) {
            SparkException business = find(e, SparkException.class);
            if (business != null) {
                return new Business().withUri(uri).toResponse(business);
            }
            ConstraintViolationException invalid = find(e, ConstraintViolationException.class);
            if (invalid != null) {
                Validation v = new Validation();
                v.uri = uri;
                return v.toResponse(invalid);
            }
            if (DatabaseUnavailable.isCauseOf(e)) {
                return unavailable(e, uri);
            }
            return unexpected(e, uri);
        }
    }

    static Response badBody(Throwable e, UriInfo uri) {
        Throwable tooLarge = find(e, BodyTooLargeException.class);
        if (tooLarge != null) {
            return Problem.of(413, "body-too-large", "Request body too large", tooLarge.getMessage()).at(path(uri)).toResponse().build();
        }
        // the binder's own words name our classes and its internals: they go to the log, not to the client
        LOG.fine(() -> "Unreadable body for " + path(uri) + ": " + rootMessage(e));
        return Problem.of(400, "malformed-body", "Malformed request body",
                "The body is not the JSON this endpoint takes; docs/api.md lists its fields and their types").at(path(uri)).toResponse().build();
    }

    static Response unexpected(Throwable e, UriInfo uri) {
        LOG.log(Level.SEVERE, "Unexpected failure serving " + path(uri), Map.of("requestId", String.valueOf(RequestContext.currentId())));
        LOG.log(Level.SEVERE, "Cause of request " + RequestContext.currentId(), e);
        return Problem.of(500, "internal", "Internal server error",
                "Something went wrong on the server; quote the requestId when reporting it").at(path(uri)).toResponse().build();
    }

    /** The database could not be reached: nothing was done, the same request may be sent again in a moment. */
    static Response unavailable(Throwable e, UriInfo uri) {
        LOG.warning(() -> "The database could not be reached serving " + path(uri) + " (request " + RequestContext.currentId() + "): " + rootMessage(e));
        return new Business().withUri(uri).toResponse(new RetryLaterException(DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS));
    }

    public static final String DATABASE_UNAVAILABLE = "The database could not be reached just now; nothing was changed. Send the same request again in a few seconds";
    public static final int RETRY_AFTER_SECONDS = 5;

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof EJBException ejb && ejb.getCausedByException() != null && type.isInstance(ejb.getCausedByException())) {
                return type.cast(ejb.getCausedByException());
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
