package org.projectspark.maintenance.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gauges per job ({@code job} tag) read from maintenance_runs, so every instance reports the cluster's last run,
 * whichever instance ran it: {@code maintenance_last_run_seconds} (epoch seconds of the last finished run),
 * {@code maintenance_last_duration_seconds}, {@code maintenance_last_success} (1 when the last run SUCCEEDED),
 * {@code maintenance_runs} and {@code maintenance_failures}. The table is read at most once per
 * {@link #MAX_AGE_MILLIS} however often Prometheus scrapes, and again at once after a local run.
 */
@ApplicationScoped
public class MaintenanceMetrics {

    private static final Logger LOG = Logger.getLogger(MaintenanceMetrics.class.getName());
    private static final long MAX_AGE_MILLIS = 10_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @EJB
    MaintenanceRuns runs;

    private volatile Map<MaintenanceJob, MaintenanceRun> snapshot = Map.of();
    private volatile long readAt;

    public void register() {
        for (MaintenanceJob job : MaintenanceJob.values()) {
            Tag tag = new Tag("job", job.jobName());
            gauge("maintenance_last_run_seconds", "When the job's last run finished, in seconds since the epoch (0: never)", job, tag,
                    r -> r.lastFinishedAt().map(OffsetDateTime::toEpochSecond).orElse(0L));
            gauge("maintenance_last_duration_seconds", "How long the job's last run took, in seconds", job, tag,
                    r -> r.lastDurationMs().orElse(0L) / 1000.0);
            gauge("maintenance_last_success", "1 when the job's last run succeeded, else 0 (failed, skipped or never run)", job, tag,
                    r -> r.lastOutcome().filter(o -> o == Outcome.SUCCEEDED).isPresent() ? 1 : 0);
            gauge("maintenance_runs", "Runs of the job in the whole cluster (succeeded or failed)", job, tag, r -> r.runs());
            gauge("maintenance_failures", "Failed runs of the job in the whole cluster", job, tag, r -> r.failures());
        }
    }

    /** A run was just recorded here: the next scrape reads the table again. */
    public void changed() {
        readAt = 0;
    }

    private void gauge(String name, String description, MaintenanceJob job, Tag tag, ToDoubleFunction<MaintenanceRun> value) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
        registry.gauge(metadata, job, j -> value.applyAsDouble(current(j)), tag);
    }

    private MaintenanceRun current(MaintenanceJob job) {
        long now = System.currentTimeMillis();
        if (now - readAt > MAX_AGE_MILLIS) {
            try {
                snapshot = runs.all();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "maintenance_runs unreadable; the gauges keep their last values", e);
            }
            readAt = now;
        }
        return snapshot.getOrDefault(job, MaintenanceRun.never(job.jobName()));
    }
}
