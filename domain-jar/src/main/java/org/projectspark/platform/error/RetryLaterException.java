package org.projectspark.platform.error;

/**
 * The server could not finish now (the database went away, a deadlock that kept repeating), and nothing was lost:
 * the client retries the same request later. Answered 503 with Retry-After.
 */
public class RetryLaterException extends SparkException {

    private final int retryAfterSeconds;

    public RetryLaterException(String detail, int retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String type() {
        return "retry-later";
    }

    @Override
    public String title() {
        return "Try again later";
    }
}
