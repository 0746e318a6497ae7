package org.projectspark.platform.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.TooManyRequestsException;
import org.projectspark.platform.ratelimit.RateLimitDecision;
import org.projectspark.platform.ratelimit.RateLimiter;
import org.projectspark.platform.security.ClientAddresses;

import java.security.Principal;

/**
 * The general API limit: RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW, per signed-in user (so that a
 * classroom behind one address is not limited as one), per client address otherwise. Shared by the
 * cluster through Redis. The health document is exempt: load balancers poll it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class ApiRateLimit implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String REMAINING = "spark.rateRemaining";

    @Inject
    RateLimiter limiter;

    @Inject
    SparkSettings settings;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("health")) {
            return;
        }
        Principal user = request.getSecurityContext().getUserPrincipal();
        String key = user != null ? userKey(user.getName()) : "a:" + addresses.of(servletRequest);
        RateLimitDecision d = limiter.consumeRelaxed("api", key, settings.rateLimitMax(), settings.rateLimitWindow());
        if (!d.allowed()) {
            throw new TooManyRequestsException("Rate limit of " + settings.rateLimitMax() + " requests per "
                    + settings.rateLimitWindow().toSeconds() + " s reached; retry after " + d.retryAfterSeconds() + " s", d.retryAfterSeconds());
        }
        request.setProperty(REMAINING, d.remaining());
    }

    /** A signed-in user's bucket: the principal's name is their id. */
    static String userKey(String principalName) {
        return "u:" + principalName;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object remaining = request.getProperty(REMAINING);
        if (remaining != null) {
            response.getHeaders().putSingle("RateLimit-Limit", settings.rateLimitMax());
            response.getHeaders().putSingle("RateLimit-Remaining", remaining);
        }
    }
}
