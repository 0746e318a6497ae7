package org.projectspark.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http_requests_total} and {@code http_request_duration_milliseconds} (a histogram), labelled with method, route
 * template (never the raw path, which would explode the label set) and status.
 */
@ApplicationScoped
public class HttpMetrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("http_requests")
            .withDescription("HTTP requests served, by method, route template and status").build();
    /**
     * A MicroProfile histogram in milliseconds: Payara 6.2025.9 exports it as a summary (count, sum, max,
     * quantiles). Its timer exported quantiles in nanoseconds under a "_seconds" name, and neither type
     * honoured the mp.metrics.distribution bucket settings, so there are no "_bucket" series.
     */
    private static final Metadata DURATION = Metadata.builder().withName("http_request_duration_milliseconds")
            .withDescription("Time to serve an HTTP request, in milliseconds").withUnit(MetricUnits.NONE).build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /** Metric handles per label set, so a request costs a map look-up, not a registry look-up. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> timers = new ConcurrentHashMap<>();

    public void record(String method, String route, int status, Duration elapsed) {
        String series = method + ' ' + route;
        counters.computeIfAbsent(series + ' ' + status, k -> registry.counter(REQUESTS,
                new Tag("method", method), new Tag("route", route), new Tag("status", Integer.toString(status)))).inc();
        timers.computeIfAbsent(series, k -> registry.histogram(DURATION, new Tag("method", method), new Tag("route", route)))
                .update(elapsed.toMillis());
    }
}
