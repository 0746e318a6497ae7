package org.projectspark.platform.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.ratelimit.RateLimitDecision;
import org.projectspark.platform.ratelimit.RateLimiter;
import org.projectspark.platform.security.Caller;
import org.projectspark.platform.security.TokenRoles;

import java.io.IOException;
import java.time.Duration;

/**
 * Answers a signed-in caller's repeated read from what {@link HeldAnswers} holds for them and that URL, before JAX-RS,
 * when the resource's own access step still gives them the same answer; everything else goes on to JAX-RS, which
 * answers as it always does (and holds the answer again). It does what the JAX-RS path does around a cached answer:
 * the API rate limit, the request id, metrics and the access log, the answer's ETag (304 for a matching
 * {@code If-None-Match}), gzip when asked for. Requests with an {@code Origin} (browsers, which need CORS headers) or
 * {@code Cache-Control: no-cache} (fresh figures) always go to JAX-RS.
 */
@WebFilter(urlPatterns = "/api/v1/*", asyncSupported = true)
public class HeldAnswerFilter extends HttpFilter {

    @Inject
    HeldAnswers held;

    @Inject
    RateLimiter limiter;

    @Inject
    SparkSettings settings;

    @Inject
    HttpMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!answered(request, response)) {
            chain.doFilter(request, response);
        }
    }

    private boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        if (!"GET".equals(request.getMethod()) || !(request.getAttribute(TokenRoles.ATTRIBUTE) instanceof Caller caller)
                || request.getHeader("Origin") != null || HeldAnswers.wantsFresh(request.getHeader("Cache-Control"))) {
            return false;
        }
        HeldAnswers.Held h = held.find(caller.id(), HeldAnswers.url(request.getRequestURI(), request.getQueryString()));
        if (h == null || !h.roles().equals(caller.roles())) {
            return false;
        }
        String id = RequestIds.begin(request);
        RequestContext.set(id);
        try {
            if (!stillSeen(h)) {
                return false;
            }
            RateLimitDecision d = limiter.consumeRelaxed("api", ApiRateLimit.userKey(caller.id().toString()), settings.rateLimitMax(), settings.rateLimitWindow());
            if (!d.allowed()) {
                return false; // JAX-RS answers the 429 with its problem document
            }
            int status = send(h.answer(), request, response, d);
            RequestObserver.observed(metrics, id, "GET", h.route(), status, Duration.ofNanos(System.nanoTime() - started));
            return true;
        } finally {
            RequestContext.clear();
        }
    }

    /** The resource's access step, asked again: a refusal (or any failure) is the resource's to answer. */
    private static boolean stillSeen(HeldAnswers.Held h) {
        try {
            return h.sharedKey().equals(h.recheck().get());
        } catch (RuntimeException refusedOrFailed) {
            return false;
        }
    }

    private int send(HeldAnswers.Answer a, HttpServletRequest request, HttpServletResponse response, RateLimitDecision d) throws IOException {
        HeldAnswers.Reply reply = HeldAnswers.reply(a, request.getHeader("If-None-Match"), request.getHeader("Accept-Encoding"), false);
        response.setStatus(reply.status());
        response.setHeader(RequestContext.HEADER, (String) request.getAttribute(RequestContext.ATTRIBUTE));
        response.setHeader("RateLimit-Limit", Long.toString(settings.rateLimitMax()));
        response.setHeader("RateLimit-Remaining", Long.toString(d.remaining()));
        reply.headers().forEach(response::setHeader);
        if (reply.body() != null) {
            response.setContentLength(reply.body().length);
            response.getOutputStream().write(reply.body());
        }
        return reply.status();
    }
}
