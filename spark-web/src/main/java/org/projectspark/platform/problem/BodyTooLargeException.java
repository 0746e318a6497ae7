package org.projectspark.platform.problem;

import jakarta.ws.rs.WebApplicationException;

/** A request body over MAX_REQUEST_BYTES; answered 413. */
public class BodyTooLargeException extends WebApplicationException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes", 413);
    }
}
