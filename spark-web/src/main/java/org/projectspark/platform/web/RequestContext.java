package org.projectspark.platform.web;

/**
 * The id of the request being served on this thread, for problem documents and log lines. Set by
 * {@link RequestObserver} (or by the authentication mechanism, which runs first) and cleared when done.
 */
public final class RequestContext {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "spark.requestId";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestContext() {
    }

    public static String currentId() {
        return CURRENT.get();
    }

    static void set(String id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** A client-chosen id is kept only if it is short and plain, so it cannot forge log lines. */
    static String acceptOrCreate(String offered) {
        if (offered != null && offered.matches("[A-Za-z0-9._-]{8,64}")) {
            return offered;
        }
        return java.util.UUID.randomUUID().toString();
    }
}
