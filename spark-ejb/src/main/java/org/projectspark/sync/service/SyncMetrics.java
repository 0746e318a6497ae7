package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.projectspark.platform.startup.SchemaReady;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code sync_sessions_last_hour{status="completed|failed"}}: sync sessions closed in the last hour, the whole
 * cluster's (read from sync_logs at most every {@link #MAX_AGE_MILLIS}, so every instance reports the same: take
 * {@code max}). A failed session is an upload the device has to send again.
 */
@ApplicationScoped
public class SyncMetrics {

    private static final Logger LOG = Logger.getLogger(SyncMetrics.class.getName());
    private static final long MAX_AGE_MILLIS = 10_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @EJB
    SyncSessions sessions;

    private volatile long[] snapshot = new long[2];
    private volatile long readAt;

    void register(@Observes SchemaReady ready) {
        Metadata metadata = Metadata.builder().withName("sync_sessions_last_hour")
                .withDescription("Sync sessions closed in the last hour, by outcome (whole cluster)").withUnit(MetricUnits.NONE).build();
        registry.gauge(metadata, this, m -> m.current()[0], new Tag("status", "completed"));
        registry.gauge(metadata, this, m -> m.current()[1], new Tag("status", "failed"));
    }

    private long[] current() {
        long now = System.currentTimeMillis();
        if (now - readAt > MAX_AGE_MILLIS) {
            readAt = now;
            try {
                snapshot = sessions.closedLastHour();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "sync_logs unreadable; the gauges keep their last values", e);
            }
        }
        return snapshot;
    }
}
