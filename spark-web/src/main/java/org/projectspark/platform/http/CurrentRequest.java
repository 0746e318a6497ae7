package org.projectspark.platform.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.projectspark.platform.security.Caller;

/**
 * The JAX-RS request being served on this thread: set by {@link RequestObserver} before matching and cleared when its
 * response is done, like {@link Caller} and {@link RequestContext}'s id. The most polled reads take their URL and
 * headers from here: {@code @Context UriInfo} and {@code @Context HttpHeaders} method parameters are looked up through
 * HK2 on every call, about 4.5 % of the CPU of a cached dashboard read.
 */
public final class CurrentRequest {

    private static final ThreadLocal<ContainerRequestContext> CURRENT = new ThreadLocal<>();

    private CurrentRequest() {
    }

    /** This thread's request; only for resource methods, which always run inside one. */
    public static ContainerRequestContext get() {
        ContainerRequestContext request = CURRENT.get();
        if (request == null) {
            throw new IllegalStateException("no JAX-RS request is being served on this thread");
        }
        return request;
    }

    static void set(ContainerRequestContext request) {
        CURRENT.set(request);
    }

    static void clear() {
        CURRENT.remove();
    }
}
