package org.projectspark.analytics.service;

import org.projectspark.analytics.domain.Struggle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a teacher sees of a class: the nightly summary, every student's progress and last activity, who is
 * struggling and why, the questions the class gets wrong most, and the last 30 days of activity.
 */
public record ClassDashboard(UUID classId, String className, Summary summary, List<StudentRow> students,
                             List<Struggling> struggling, List<HardQuestion> hardestQuestions, List<Day> activityByDay,
                             OffsetDateTime generatedAt) {

    /** The class_performance_summary row; {@code refreshedAt} null when the class is newer than the last refresh. */
    public record Summary(long students, long activeLast7Days, BigDecimal averageScore, BigDecimal completionRate,
                          long xpThisWeek, long lessonsCompleted, OffsetDateTime refreshedAt) {
    }

    /** {@code assignedCompleted} of {@code assignedActivities}: progress through the class's assigned courses. */
    public record StudentRow(UUID id, String displayName, String username, long xp, int level, long activitiesCompleted,
                             long assignedCompleted, long assignedActivities, BigDecimal averageScore, BigDecimal recentAverageScore,
                             long submissions, OffsetDateTime lastActiveAt) {
    }

    public record Struggling(UUID id, String displayName, List<Struggle.Finding> reasons) {
    }

    public record HardQuestion(UUID questionId, UUID activityId, String activityTitle, String prompt, long answers, BigDecimal correctRate) {
    }

    /** A day in the school's time zone. */
    public record Day(LocalDate day, long submissions, long completions, long activeStudents) {
    }
}
