package org.projectspark.maintenance.service;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A job's row in maintenance_runs: the slot it last claimed and its last run. {@code runs} and {@code failures}
 * count runs whose SQL ran (SUCCEEDED or FAILED), cluster-wide; a SKIPPED run is recorded but not counted.
 */
public record MaintenanceRun(String job, Optional<OffsetDateTime> lastSlot, Optional<OffsetDateTime> lastStartedAt,
                             Optional<OffsetDateTime> lastFinishedAt, Optional<Long> lastDurationMs, Optional<Outcome> lastOutcome,
                             Optional<String> lastDetail, Optional<String> lastInstance, long runs, long failures) {

    /** A job that has never run (no row yet). */
    public static MaintenanceRun never(String job) {
        return new MaintenanceRun(job, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0);
    }
}
