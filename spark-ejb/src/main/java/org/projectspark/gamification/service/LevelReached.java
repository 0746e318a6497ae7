package org.projectspark.gamification.service;

import java.util.UUID;

/** A student's XP took them to a higher level, in the transaction that awarded the XP. */
public record LevelReached(UUID studentId, int level) {
}
