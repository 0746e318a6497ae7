package org.projectspark.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.time.Duration;

/**
 * {@code http_requests_total} and {@code http_request_duration_seconds}, labelled with method, route
 * template (never the raw path, which would explode the label set) and status.
 */
@ApplicationScoped
public class HttpMetrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("http_requests")
            .withDescription("HTTP requests served, by method, route template and status").build();
    private static final Metadata DURATION = Metadata.builder().withName("http_request_duration")
            .withDescription("Time to serve an HTTP request").withUnit(MetricUnits.SECONDS).build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void record(String method, String route, int status, Duration elapsed) {
        Tag[] tags = {new Tag("method", method), new Tag("route", route), new Tag("status", Integer.toString(status))};
        registry.counter(REQUESTS, tags).inc();
        registry.timer(DURATION, new Tag("method", method), new Tag("route", route)).update(elapsed);
    }
}
