package org.projectspark.maintenance.service;

/** How a run of a maintenance job ended (maintenance_runs.last_outcome). */
public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Another run of the same job held its advisory lock: nothing was done. */
    SKIPPED
}
