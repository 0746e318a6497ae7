package org.projectspark.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Answers the JAX-RS security context's role questions ({@code @RolesAllowed}, {@code isUserInRole} in resources)
 * from the roles of the bearer token the container accepted for this request ({@link BearerTokenModule} hands them
 * over as a request attribute), as the container's default group-to-role mapping would. The servlet request's own
 * {@code isUserInRole} gives the same answers but checks a JACC permission on every call, and that check takes a lock
 * shared by all requests: with a hundred teachers polling a dashboard, request threads spent a fifth of their time
 * waiting on it (async-profiler, wall clock), and the dashboard's p99 was twenty times its median.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenRoles implements ContainerRequestFilter {

    /** The request attribute holding the accepted token's roles (a {@code Set<String>}); set by the container side only. */
    static final String ATTRIBUTE = "spark.tokenRoles";

    /** The request attribute holding the accepted token's user id (a {@code String}); set with {@link #ATTRIBUTE}. */
    static final String USER_ATTRIBUTE = "spark.tokenUser";

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(ATTRIBUTE) instanceof Set<?> roles && request.getProperty(USER_ATTRIBUTE) instanceof String user) {
            request.setSecurityContext(new TokenSecurityContext(request.getSecurityContext(), roles));
            Caller.set(new Caller(UUID.fromString(user), (Set<String>) roles));
        } else {
            Caller.clear(); // anonymous: nothing from an earlier request on this thread
        }
    }

    /** The container's caller and scheme, with the token's roles. */
    private record TokenSecurityContext(SecurityContext container, Set<?> roles) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return container.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.contains(role);
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
