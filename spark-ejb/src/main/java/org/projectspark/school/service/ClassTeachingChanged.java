package org.projectspark.school.service;

import java.util.UUID;

/** Fired when a teacher started or stopped teaching a class, so what they may see follows at once. */
public record ClassTeachingChanged(UUID teacherId, UUID classId) {
}
