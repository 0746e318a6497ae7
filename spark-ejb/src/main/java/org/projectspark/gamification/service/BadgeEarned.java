package org.projectspark.gamification.service;

import org.projectspark.gamification.domain.Badge;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A student earned a badge, in the transaction that awarded it ({@code scopeId}: the course of a course badge). */
public record BadgeEarned(UUID studentId, Badge badge, UUID scopeId, OffsetDateTime at) {
}
