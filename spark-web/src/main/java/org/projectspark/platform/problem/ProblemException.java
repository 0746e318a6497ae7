package org.projectspark.platform.problem;

import jakarta.ws.rs.WebApplicationException;

import java.util.List;

/**
 * A request refused at the edge (a body or parameter that is not what the endpoint takes) with the problem document
 * that says why. A WebApplicationException, so JAX-RS passes it through its own parameter and body handling unchanged.
 */
public class ProblemException extends WebApplicationException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.status());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A 400 {@code validation} problem naming each field or parameter and what it takes. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.invalid(errors));
    }

    /** A 400 {@code malformed-body} problem: the body is not JSON; {@code at} is where it broke, if known. */
    public static ProblemException notJson(jakarta.json.stream.JsonLocation at) {
        String where = at == null ? "" : " (it breaks at line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        return malformed("The body is not valid JSON" + where + "; send one JSON object, e.g. {\"field\": \"value\"}");
    }

    /** A 400 {@code malformed-body} problem: the body is not JSON at all. */
    public static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of(400, "malformed-body", "Malformed request body", detail));
    }
}
