package org.projectspark.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.redis.Redis;

import javax.sql.DataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Probes the parts Project Spark depends on. Readiness needs the database; Redis is reported but
 * optional (caches and rate limits fall back to in-process state without it).
 */
@ApplicationScoped
public class SystemHealth {

    public static final String VERSION = Optional.ofNullable(SystemHealth.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    @Inject
    InstanceCopies copies;

    @Inject
    Redis redis;

    @Inject
    SparkSettings settings;

    @Inject
    jakarta.enterprise.inject.Instance<ServiceReport> reports;

    /** The database's answer to a trivial query, its round-trip time, and how many backends are busy. */
    public DatabaseProbe probeDatabase() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND datname = current_database()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long active = rs.getLong(1);
            return new DatabaseProbe(true, millisSince(start), active, null);
        } catch (Exception e) {
            return new DatabaseProbe(false, millisSince(start), -1, e.getClass().getSimpleName());
        }
    }

    public Optional<Double> probeRedis() {
        return redis.ping();
    }

    /** The deployment guide's detailed health document. */
    public Map<String, Object> detailedReport() {
        DatabaseProbe db = probeDatabase();
        Optional<Double> redisMs = probeRedis();
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("status", db.up() ? "healthy" : "unhealthy");
        database.put("responseTime", round(db.responseMillis()));
        if (db.up()) {
            database.put("activeConnections", db.activeConnections());
        } else {
            database.put("error", db.error());
        }
        services.put("database", database);
        Map<String, Object> redisReport = new LinkedHashMap<>();
        redisReport.put("status", redisMs.isPresent() ? "healthy" : "unavailable");
        redisMs.ifPresent(ms -> redisReport.put("responseTime", round(ms)));
        redisReport.put("required", false);
        services.put("redis", redisReport);
        services.put("dataGrid", dataGridReport());
        int checked = 0;
        for (ServiceReport part : reports) {
            services.put(part.name(), part.report());
            checked++;
        }
        services.put("external", Map.of("status", "healthy", "checked", checked));
        services.put("system", systemReport());

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", db.up() ? "healthy" : "unhealthy");
        doc.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.put("services", services);
        doc.put("metrics", metrics());
        doc.put("version", VERSION);
        doc.put("environment", settings.deployColor());
        doc.put("mode", settings.environment());
        return doc;
    }

    /** Payara's Data Grid, through which every instance drops its copies of what changed (InstanceCopies). */
    private Map<String, Object> dataGridReport() {
        Map<String, Object> grid = new LinkedHashMap<>();
        Optional<Integer> members = copies.gridMembers();
        grid.put("status", members.isPresent() ? "healthy" : "unavailable");
        members.ifPresent(n -> grid.put("members", n));
        grid.put("dropsHeard", copies.dropsHeard());
        grid.put("required", false);
        return grid;
    }

    private Map<String, Object> systemReport() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        boolean heapOk = heap.getMax() <= 0 || heap.getUsed() < 0.95 * heap.getMax();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", heapOk ? "healthy" : "degraded");
        m.put("cpus", cpus);
        m.put("loadAverage", round(load));
        return m;
    }

    private Map<String, Object> metrics() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("used", heap.getUsed() / (1024 * 1024));
        memory.put("total", heap.getCommitted() / (1024 * 1024));
        memory.put("max", heap.getMax() / (1024 * 1024));
        memory.put("unit", "MiB");
        Map<String, Object> gc = new LinkedHashMap<>();
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            time += Math.max(0, bean.getCollectionTime());
        }
        gc.put("collections", count);
        gc.put("timeMs", time);
        Map<String, Object> cpu = new LinkedHashMap<>();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu.put("process", round(os.getProcessCpuLoad() * 100));
            cpu.put("system", round(os.getCpuLoad() * 100));
            cpu.put("unit", "percent");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        m.put("memory", memory);
        m.put("cpu", cpu);
        m.put("gc", gc);
        return m;
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One database probe. */
    public record DatabaseProbe(boolean up, double responseMillis, long activeConnections, String error) {
    }
}
