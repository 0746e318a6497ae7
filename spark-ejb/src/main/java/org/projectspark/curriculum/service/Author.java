package org.projectspark.curriculum.service;

import java.util.UUID;

/** Who is writing content: teachers edit their own courses, admins any. */
public record Author(UUID userId, boolean admin) {
}
