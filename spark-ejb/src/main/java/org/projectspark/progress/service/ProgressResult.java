package org.projectspark.progress.service;

import org.projectspark.progress.domain.StudentProgress;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Where a student stands in an activity after progress was recorded (online or from an offline event), and what
 * that earned: the one result both doors give.
 */
public record ProgressResult(UUID activityId, String status, int percent, BigDecimal bestScore, int attempts,
                             OffsetDateTime lastAccessed, OffsetDateTime completedAt, int xpEarned, long xpTotal, int level,
                             List<String> badgesEarned) {

    static ProgressResult of(StudentProgress p, LearningRewards.Rewards earned, long xpTotal, int level) {
        return new ProgressResult(p.activityId(), p.status().name(), p.percent(), p.bestScore().orElse(null), p.attempts(),
                p.lastAccessed(), p.completedAt().orElse(null), earned.xp(), xpTotal, level,
                earned.badges().stream().map(Enum::name).toList());
    }

    /** Whether the student's standing moved (boards, level, badges); a streak day alone does not count. */
    public boolean earnedAnything() {
        return xpEarned > 0 || !badgesEarned.isEmpty();
    }
}
