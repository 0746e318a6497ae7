package org.projectspark.platform.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;

/**
 * Answers the JAX-RS security context's role questions ({@code @RolesAllowed}, {@code isUserInRole} in resources)
 * from the roles of the bearer token the container accepted for this request ({@link BearerTokenMechanism} hands its
 * {@link Caller} over as a request attribute), as the container's default group-to-role mapping would. The servlet request's own
 * {@code isUserInRole} gives the same answers but checks a JACC permission on every call, and that check takes a lock
 * shared by all requests: with a hundred teachers polling a dashboard, request threads spent a fifth of their time
 * waiting on it (async-profiler, wall clock), and the dashboard's p99 was twenty times its median.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenRoles implements ContainerRequestFilter {

    /** The request attribute holding the accepted token's {@link Caller}; set by the container side only. */
    public static final String ATTRIBUTE = "spark.tokenCaller";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(ATTRIBUTE) instanceof Caller caller) {
            request.setSecurityContext(new TokenSecurityContext(request.getSecurityContext(), caller));
            Caller.set(caller);
        } else {
            Caller.clear(); // anonymous: nothing from an earlier request on this thread
        }
    }

    /** The container's caller and scheme, with the token's roles. */
    private record TokenSecurityContext(SecurityContext container, Caller caller) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return container.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.is(role);
        }

        @Override
        public boolean isSecure() {
            return container.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return container.getAuthenticationScheme();
        }
    }
}
