package org.projectspark.platform.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.projectspark.platform.http.RequestContext;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI per kind of problem, {@code detail} tells
 * the client developer what to do, {@code requestId} ties it to the server's log line.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://projectspark.org/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, RequestContext.currentId(), null);
    }

    /** A 400 {@code validation} problem listing each invalid field or parameter, and what it takes, in its detail too. */
    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("The request is not valid");
        return of(400, "validation", "Invalid request", detail).withErrors(errors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, requestId, errors);
    }

    /** For an answer made before the request reached JAX-RS (the request's id is not on the thread yet). */
    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, id, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this);
    }

    /** One invalid field of a request body or parameter. */
    public record FieldError(String field, String message) {
    }
}
