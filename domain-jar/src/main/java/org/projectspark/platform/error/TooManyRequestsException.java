package org.projectspark.platform.error;

/** Over a rate limit, or the server is saturated: the client may retry after the given delay. */
public class TooManyRequestsException extends SparkException {

    private final long retryAfterSeconds;
    private final int status;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        this(detail, retryAfterSeconds, 429);
    }

    protected TooManyRequestsException(String detail, long retryAfterSeconds, int status) {
        super(detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.status = status;
    }

    /** The server is busy (not the client's fault): 503 with Retry-After. */
    public static TooManyRequestsException busy(String detail, long retryAfterSeconds) {
        return new TooManyRequestsException(detail, retryAfterSeconds, 503);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String type() {
        return status == 503 ? "server-busy" : "rate-limited";
    }

    @Override
    public String title() {
        return status == 503 ? "Server busy" : "Too many requests";
    }
}
