package org.projectspark.maintenance.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.MaintenanceRun;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The JSON the maintenance endpoints answer; times are ISO-8601 in UTC, absent values are left out (as everywhere in the API). */
public final class MaintenanceViews {

    private MaintenanceViews() {
    }

    public record Listing(String timeZone, List<Job> jobs) {
    }

    @Schema(name = "MaintenanceJob")
    public record Job(String name, String schedule, String lastSlot, String lastStartedAt, String lastFinishedAt, Long lastDurationMs,
               String lastOutcome, String lastDetail, String lastInstance, long runs, long failures, String nextRunAt) {

        static Job of(MaintenanceJob job, String schedule, MaintenanceRun run, Instant next) {
            return new Job(job.jobName(), schedule, text(run.lastSlot()), text(run.lastStartedAt()), text(run.lastFinishedAt()),
                    run.lastDurationMs().orElse(null), run.lastOutcome().map(Enum::name).orElse(null), run.lastDetail().orElse(null),
                    run.lastInstance().orElse(null), run.runs(), run.failures(), next == null ? null : next.toString());
        }

        private static String text(Optional<OffsetDateTime> at) {
            return at.map(t -> t.toInstant().toString()).orElse(null);
        }
    }

    /** A slot run: for each job of the cadence, whether this request claimed it, and if so the run. */
    public record Slot(String schedule, String slot, List<SlotJob> jobs) {
    }

    public record SlotJob(String name, boolean claimed, Job run) {
    }
}
