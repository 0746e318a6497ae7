package org.projectspark.progress.service;

import java.util.UUID;

/** Fired when a student's progress changed (a submission, an activity opened or completed). */
public record ProgressRecorded(UUID studentId) {
}
