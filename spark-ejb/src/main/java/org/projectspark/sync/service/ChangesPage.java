package org.projectspark.sync.service;

import org.projectspark.sync.domain.SyncCursor;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A page of what changed for a student (see {@link SyncChanges}), each entity in its current state. Optional values
 * are null; {@code leaderboards} is there only on the last page of a round.
 */
public record ChangesPage(SyncCursor.Mode mode, String cursor, boolean hasMore, Changes changes, List<ClassBoard> leaderboards) {

    /** {@code profile} is null when it did not change. */
    public record Changes(ProfileState profile, List<ClassState> classes, List<String> removedClasses, List<CourseRef> courses,
                          List<String> removedCourses, List<ProgressState> progress, List<SubmissionState> submissions,
                          List<BadgeState> badges, List<NotificationState> notifications, List<String> removedNotifications) {
    }

    public record ProfileState(String displayName, String locale, String timeZone, long xp, int level, int streakDays,
                               int longestStreakDays, String lastActiveOn) {
    }

    public record ClassState(String id, String name, String schoolId, List<Assignment> assignments, String grade, String subject) {
    }

    public record Assignment(String courseId, OffsetDateTime assignedAt, OffsetDateTime dueAt) {
    }

    /** A published course the student is assigned; its content is fetched once per version. */
    public record CourseRef(String id, int contentVersion, String subject, String defaultLocale) {
    }

    public record ProgressState(String activityId, String status, int percent, int attempts, OffsetDateTime lastAccessed,
                                BigDecimal bestScore, OffsetDateTime completedAt) {
    }

    public record SubmissionState(String id, String clientSubmissionId, String activityId, int attempt, BigDecimal score,
                                  int correct, int total, int xpAwarded, OffsetDateTime submittedAt) {
    }

    public record BadgeState(String badge, String scopeId, OffsetDateTime earnedAt, OffsetDateTime seenAt) {
    }

    public record NotificationState(String id, String kind, String title, String body, Map<String, String> data, boolean read,
                                    OffsetDateTime createdAt, OffsetDateTime readAt) {
    }

    /** The class's weekly board: its top and the student's neighbourhood. */
    public record ClassBoard(String classId, String week, long total, List<BoardLine> top, List<BoardLine> aroundMe) {
    }

    public record BoardLine(long rank, String studentId, String displayName, long xp) {
    }
}
