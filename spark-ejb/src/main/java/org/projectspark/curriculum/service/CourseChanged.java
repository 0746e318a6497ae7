package org.projectspark.curriculum.service;

import java.util.UUID;

/** Fired when a course's content or published state changed, so what was read of it is read again. */
public record CourseChanged(UUID courseId) {
}
