package org.projectspark.notification.domain;

/**
 * What a notification is about; an app chooses its screen and icon by it, and a user's email and SMS preferences
 * are kept per kind.
 */
public enum NotificationKind {
    BADGE_EARNED,
    LEVEL_UP,
    COURSE_ASSIGNED,
    ASSIGNMENT_DUE,
    STREAK_AT_RISK,
    TEACHER_MESSAGE,
    SYNC_REVIEW,
    CHILD_INACTIVE,
    ASSIGNMENT_GRADED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
