package org.projectspark.platform.http;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * One route's request durations as a Prometheus histogram in seconds: {@code http_request_duration_seconds_bucket}
 * with cumulative {@code le} counts, {@code _count} and {@code _sum}, so that {@code histogram_quantile} over
 * {@code rate(...)} works across instances. Registered as gauges because Payara 6.2025.9 computes the {@code _bucket}
 * lines of its own histograms and timers from a decaying sample of about a thousand values: they fall as well as
 * rise, and a rate over them means nothing.
 */
final class LatencyBuckets {

    /** Upper bounds in seconds, from a cached read (a few ms) to the listener's 60 s request timeout. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private static final Metadata BUCKET = gauge("http_request_duration_seconds_bucket",
            "Requests served in at most le seconds (cumulative), by method and route template");
    private static final Metadata COUNT = gauge("http_request_duration_seconds_count", "Requests served, by method and route template");
    private static final Metadata SUM = gauge("http_request_duration_seconds_sum",
            "Total time spent serving requests in seconds, by method and route template");

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1]; // the last one: above every bound
    private final DoubleAdder seconds = new DoubleAdder();

    LatencyBuckets(MetricRegistry registry, Tag method, Tag route) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        for (int i = 0; i < BOUNDS.length; i++) {
            int upTo = i;
            registry.gauge(BUCKET, () -> cumulative(upTo), method, route, new Tag("le", Double.toString(BOUNDS[i])));
        }
        registry.gauge(BUCKET, () -> cumulative(BOUNDS.length), method, route, new Tag("le", "+Inf"));
        registry.gauge(COUNT, () -> cumulative(BOUNDS.length), method, route);
        registry.gauge(SUM, seconds::sum, method, route);
    }

    void record(long nanos) {
        double s = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && s > BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
        seconds.add(s);
    }

    private long cumulative(int upTo) {
        long n = 0;
        for (int i = 0; i <= upTo; i++) {
            n += counts[i].sum();
        }
        return n;
    }

    private static Metadata gauge(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
