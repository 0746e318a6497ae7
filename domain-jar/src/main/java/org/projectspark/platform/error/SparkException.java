package org.projectspark.platform.error;

import jakarta.ejb.ApplicationException;

/**
 * Base of every business failure. Unchecked, rolls the transaction back, and is mapped once to an
 * RFC 9457 problem response: each subclass knows its HTTP status and a stable problem type.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class SparkException extends RuntimeException {

    protected SparkException(String detail) {
        super(detail);
    }

    /** HTTP status this failure means to a client. */
    public abstract int status();

    /** Short, stable slug naming the problem type (becomes the problem's {@code type} URI). */
    public abstract String type();

    /** Human title of the problem type. */
    public abstract String title();
}
