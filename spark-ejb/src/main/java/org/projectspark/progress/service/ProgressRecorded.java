package org.projectspark.progress.service;

import java.util.UUID;

/**
 * Fired when a student's progress changed (an activity opened or moved on) and nothing shown about their account did.
 * Learning that earned XP or badges fires {@link org.projectspark.gamification.service.StandingChanged} instead, which
 * observers of progress watch too: one event per change, so each cache is dropped once.
 */
public record ProgressRecorded(UUID studentId) {
}
