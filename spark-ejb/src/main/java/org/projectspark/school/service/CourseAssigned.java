package org.projectspark.school.service;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A teacher assigned a course to a class (not fired again when only its due date moves). */
public record CourseAssigned(UUID classId, UUID courseId, Optional<OffsetDateTime> dueAt) {
}
