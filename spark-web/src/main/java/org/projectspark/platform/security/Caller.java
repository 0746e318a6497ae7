package org.projectspark.platform.security;

import jakarta.ws.rs.NotAuthorizedException;
import org.projectspark.platform.http.RequestContext;
import org.projectspark.platform.http.RequestObserver;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller of the JAX-RS request being served on this thread: the accepted token's user and roles.
 * Made by {@link BearerTokenMechanism} from the accepted token, set by {@link TokenRoles} for every matched request (none
 * for an anonymous one) and cleared by
 * {@link RequestObserver} when the response is done, like {@link RequestContext}'s id. The most polled reads take the
 * caller from here: a {@code @Context SecurityContext} method parameter is looked up through HK2 on every call, 5 %
 * of the CPU of a cached dashboard read.
 */
public record Caller(UUID id, Set<String> roles) {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    /** The caller of this thread's request; only for resources that require a role, which an anonymous request never reaches. */
    public static Caller current() {
        Caller caller = CURRENT.get();
        if (caller == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return caller;
    }

    /** The caller of this thread's request, if it was made with an accepted token (resources open to anonymous readers). */
    public static java.util.Optional<Caller> ifSignedIn() {
        return java.util.Optional.ofNullable(CURRENT.get());
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    static void set(Caller caller) {
        CURRENT.set(caller);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
