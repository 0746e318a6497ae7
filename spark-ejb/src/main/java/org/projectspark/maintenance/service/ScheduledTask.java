package org.projectspark.maintenance.service;

import java.time.Instant;

/**
 * A job of the catalogue that another feature does (notifications' reminders): the maintenance runner claims its slot
 * once per cluster, holds its lock while it runs and records the outcome; the task runs its own transactions, so it
 * may use JPA and fire events like any service. One bean per job.
 */
public interface ScheduledTask {

    MaintenanceJob job();

    /** Does the work for the slot {@code at}; answers a short detail for the run's record. */
    String run(Instant at);
}
