package org.projectspark.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.projectspark.platform.startup.SchemaReady;

/**
 * What this instance sees of its stores, for alerts: {@code redis_reachable} (1 or 0: Redis answered a ping),
 * {@code database_reachable} and {@code database_connections_active} (backends of this database running a statement
 * now, all instances together). Probed at most every {@link #MAX_AGE_MILLIS} however often Prometheus scrapes.
 * Payara's own {@code connection_pool_*} vendor metrics are not used: they read 0 on Payara 6.2025.9.
 */
@ApplicationScoped
public class HealthMetrics {

    private static final long MAX_AGE_MILLIS = 10_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    SystemHealth health;

    private volatile boolean redis;
    private volatile SystemHealth.DatabaseProbe database = new SystemHealth.DatabaseProbe(false, 0, 0, null);
    private volatile long readAt;

    void register(@Observes SchemaReady ready) {
        registry.gauge(gauge("redis_reachable", "1 when Redis answered this instance's last ping, else 0 (caches and limits fall back)"),
                this, m -> m.probe().redis ? 1 : 0);
        registry.gauge(gauge("database_reachable", "1 when PostgreSQL answered this instance's last probe, else 0"),
                this, m -> m.probe().database.up() ? 1 : 0);
        registry.gauge(gauge("database_connections_active", "Connections to this database running a statement now (all instances)"),
                this, m -> m.probe().database.activeConnections());
    }

    private HealthMetrics probe() {
        long now = System.currentTimeMillis();
        if (now - readAt > MAX_AGE_MILLIS) {
            readAt = now;
            redis = health.probeRedis().isPresent();
            database = health.probeDatabase();
        }
        return this;
    }

    private static Metadata gauge(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
    }
}
