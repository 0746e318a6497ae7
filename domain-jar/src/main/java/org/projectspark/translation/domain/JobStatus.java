package org.projectspark.translation.domain;

/** A translation job's state: QUEUED and RUNNING jobs are active (one per course and locale at a time). */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED;

    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
