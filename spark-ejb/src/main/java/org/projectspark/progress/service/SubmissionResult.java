package org.projectspark.progress.service;

import org.projectspark.curriculum.domain.Grading;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What a graded submission brought: score, per-question feedback, XP, the student's new level and badges. */
public record SubmissionResult(UUID submissionId, UUID clientSubmissionId, UUID activityId, int attempt, BigDecimal score,
                               int correct, int total, List<Grading.QuestionResult> feedback, int xpEarned,
                               long xpTotal, int level, List<String> badgesEarned,
                               int streakDays, OffsetDateTime submittedAt, boolean replayed) {

    /** Whether this submission (not a replay of an earlier one) earned XP or badges: the student's standing moved. */
    public boolean earnedAnything() {
        return !replayed && (xpEarned > 0 || !badgesEarned.isEmpty());
    }
}
