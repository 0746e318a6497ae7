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
 * {@code http_requests_total}, the histogram {@code http_request_duration_seconds} (Prometheus buckets, see
 * {@link LatencyBuckets}) and {@code http_request_duration_milliseconds} (MicroProfile's, with this instance's
 * quantiles), labelled with method, route template (never the raw path, which would explode the label set) and status.
 */
@ApplicationScoped
public class HttpMetrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("http_requests")
            .withDescription("HTTP requests served, by method, route template and status").build();
    /**
     * A MicroProfile histogram in milliseconds: Payara 6.2025.9 exports it as a summary (count, sum, max,
     * quantiles of a decaying sample of this instance); for alerts and cluster-wide quantiles use the buckets.
     */
    private static final Metadata DURATION = Metadata.builder().withName("http_request_duration_milliseconds")
            .withDescription("Time to serve an HTTP request, in milliseconds").withUnit(MetricUnits.NONE).build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /** Metric handles per label set, so a request costs a map look-up, not a registry look-up. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> timers = new ConcurrentHashMap<>();
    private final Map<String, LatencyBuckets> latencies = new ConcurrentHashMap<>();

    public void record(String method, String route, int status, Duration elapsed) {
        String series = method + ' ' + route;
        counters.computeIfAbsent(series + ' ' + status, k -> registry.counter(REQUESTS,
                new Tag("method", method), new Tag("route", route), new Tag("status", Integer.toString(status)))).inc();
        timers.computeIfAbsent(series, k -> registry.histogram(DURATION, new Tag("method", method), new Tag("route", route)))
                .update(elapsed.toMillis());
        latencies.computeIfAbsent(series, k -> new LatencyBuckets(registry, new Tag("method", method), new Tag("route", route)))
                .record(elapsed.toNanos());
    }
}
