package org.projectspark.gamification.service;

import java.util.UUID;

/** Fired after a rules recompute corrected XP; totals went down as well as up, so boards are rebuilt. */
public record XpRecomputed(UUID runId) {
}
