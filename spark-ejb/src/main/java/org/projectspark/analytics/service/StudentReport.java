package org.projectspark.analytics.service;

import org.projectspark.analytics.domain.Struggle;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One student's learning, for their teachers and guardians: courses, recent quizzes, badges, and any worry. */
public record StudentReport(UUID id, String displayName, String username, long xp, int level, int streakDays, int longestStreak,
                            OffsetDateTime lastActiveAt, List<Struggle.Finding> concerns, List<CourseProgress> courses,
                            List<RecentSubmission> recentSubmissions, List<Badge> badges, OffsetDateTime generatedAt) {

    /** A course the student works in or is assigned through a class; {@code dueAt} the earliest due date of those classes. */
    public record CourseProgress(UUID courseId, String title, long activitiesCompleted, long activities, BigDecimal averageScore,
                                 OffsetDateTime dueAt) {
    }

    public record RecentSubmission(UUID activityId, String activityTitle, int attempt, BigDecimal score, OffsetDateTime submittedAt) {
    }

    public record Badge(String badge, OffsetDateTime earnedAt) {
    }
}
