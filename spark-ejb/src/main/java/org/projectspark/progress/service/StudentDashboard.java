package org.projectspark.progress.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a student sees first: XP and level, streak, badges, lessons under way and the lesson to do next. How it reads as
 * JSON is the web layer's (progress.api.DashboardView).
 */
public record StudentDashboard(String displayName, String locale, long xp, int level, LevelProgress levelProgress, StreakView streak,
                               List<BadgeView> badges, List<LessonView> inProgress, LessonView nextLesson) {

    /** Where the student is between their level's start and the next level. */
    public record LevelProgress(long levelStartsAt, long nextLevelAt, int percent) {
    }

    public record StreakView(int current, int longest, LocalDate lastActiveOn) {
    }

    public record BadgeView(String badge, UUID courseId, OffsetDateTime earnedAt) {
    }

    /** A lesson in the student's language: how many of its activities are done, when it was last opened. */
    public record LessonView(UUID lessonId, String title, UUID courseId, String courseTitle, int activitiesCompleted, int activities,
                             OffsetDateTime lastAccessed) {
    }
}
