package org.projectspark.school.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Fired when a user joined or left a school or class, so boards and caches follow. {@code left} names the
 * school or class they left, if any.
 */
public record MembershipChanged(UUID userId, Optional<UUID> leftSchool, Optional<UUID> leftClass) {
}
