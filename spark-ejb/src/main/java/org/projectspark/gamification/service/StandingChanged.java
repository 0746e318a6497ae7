package org.projectspark.gamification.service;

import java.util.UUID;

/**
 * Fired when a student's standing moved: XP, level or badges (a quiz, a completion, a reviewed offline event, an XP
 * recompute). Boards, student cards and dashboards show it anew once the change has committed. Observers of
 * progress ({@link org.projectspark.progress.service.ProgressRecorded}) watch it too: learning that earned something
 * fires this event instead, so each cache is dropped once.
 */
public record StandingChanged(UUID studentId) {
}
