package org.projectspark.platform.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of the request being served on this thread, for problem documents and log lines. Set by
 * {@link RequestObserver} (or by the authentication mechanism, which runs first) and cleared when done.
 */
public final class RequestContext {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "spark.requestId";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{8,64}");

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

    /**
     * A client-chosen id is kept only if it is short and plain, so it cannot forge log lines. A new one is a random
     * (version 4) UUID from the thread's own generator: a request id needs to be unique, not unguessable, and
     * {@code UUID.randomUUID()} draws from the JVM's one {@code SecureRandom}, whose lock every request thread took.
     */
    static String acceptOrCreate(String offered) {
        if (offered != null && PLAIN.matcher(offered).matches()) {
            return offered;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(0xCL << 60) | (0x8L << 60)).toString();
    }
}
