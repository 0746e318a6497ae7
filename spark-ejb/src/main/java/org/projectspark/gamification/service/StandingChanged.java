package org.projectspark.gamification.service;

import java.util.UUID;

/**
 * Fired when a student's standing moved: XP, level or badges (a quiz, a completion, a reviewed offline event, an XP
 * recompute, a teacher's grade). Boards, student cards and dashboards show it anew once the change has committed.
 * Observers of progress ({@link org.projectspark.progress.service.ProgressRecorded}) watch it too: learning that earned
 * something fires this event instead, so each cache is dropped once. {@code lowered}: the student's XP went down (a
 * lower regrade), so boards must take a lower score too.
 */
public record StandingChanged(UUID studentId, boolean lowered) {

    public StandingChanged(UUID studentId) {
        this(studentId, false);
    }
}
