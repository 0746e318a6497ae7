package org.projectspark.platform.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.projectspark.platform.security.Caller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives every request an id (X-Request-Id, echoed back), records its metrics, and logs it as one JSON
 * line (method, route template, status, duration, request id; never the body, query or headers, so no
 * password or token can reach the log). Server errors and slow requests are logged at INFO and above;
 * every request at FINE (LOG_LEVEL=debug): at INFO each request would cost more than serving it.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestObserver implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger ACCESS = Logger.getLogger("org.projectspark.access");
    private static final String STARTED = "spark.started";
    private static final String API_PREFIX = "/api/v1";
    private static final long SLOW_MILLIS = 1000;

    @Inject
    HttpMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        String id = RequestIds.begin(request);
        RequestContext.set(id);
        CurrentRequest.set(request);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            Object started = request.getProperty(STARTED);
            Duration elapsed = Duration.ofNanos(started == null ? 0 : System.nanoTime() - (long) started);
            String route = routeOf(request.getUriInfo());
            String method = request.getMethod();
            int status = response.getStatus();
            String id = RequestContext.currentId();
            if (id != null) {
                response.getHeaders().putSingle(RequestContext.HEADER, id);
            }
            observed(metrics, id, method, route, status, elapsed);
        } finally {
            RequestContext.clear();
            CurrentRequest.clear();
            Caller.clear();
        }
    }

    /** Records a served request's metrics and logs it (also for answers served before JAX-RS, {@link HeldAnswerFilter}). */
    static void observed(HttpMetrics metrics, String id, String method, String route, int status, Duration elapsed) {
        metrics.record(method, route, status, elapsed);
        Level level = status >= 500 ? Level.WARNING : elapsed.toMillis() >= SLOW_MILLIS ? Level.INFO : Level.FINE;
        if (ACCESS.isLoggable(level)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("requestId", id);
            fields.put("method", method);
            fields.put("route", route);
            fields.put("status", status);
            fields.put("durationMs", elapsed.toNanos() / 1_000_000.0);
            ACCESS.log(level, method + " " + route + " " + status, fields);
        }
    }

    /** The matched route template, such as {@code /api/v1/users/{id}}; {@code UNMATCHED} for unknown paths. */
    static String routeOf(UriInfo uriInfo) {
        if (uriInfo instanceof ExtendedUriInfo extended) {
            List<UriTemplate> templates = extended.getMatchedTemplates();
            if (templates != null && !templates.isEmpty()) {
                StringBuilder route = new StringBuilder(API_PREFIX);
                for (int i = templates.size() - 1; i >= 0; i--) {
                    String t = templates.get(i).getTemplate();
                    if (t.isEmpty() || "/".equals(t)) {
                        continue;
                    }
                    route.append(t.startsWith("/") ? "" : "/").append(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
                }
                return route.toString();
            }
        }
        return "UNMATCHED";
    }
}
