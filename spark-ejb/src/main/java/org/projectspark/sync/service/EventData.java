package org.projectspark.sync.service;

import org.projectspark.curriculum.domain.Answer;
import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What an offline event says happened, one record per {@link SyncEventType}, as read and checked from the device's
 * JSON by the API: every value here is well formed; whether it names something that exists is the applier's to check.
 */
public sealed interface EventData {

    SyncEventType type();

    record LessonOpened(UUID lessonId) implements EventData {
        public SyncEventType type() {
            return SyncEventType.LESSON_OPENED;
        }
    }

    /** @param percent 0 to 100 */
    record ProgressMade(UUID activityId, int percent) implements EventData {
        public SyncEventType type() {
            return SyncEventType.PROGRESS;
        }
    }

    /**
     * @param startedAt          the device time the quiz was opened, not after the event's own
     * @param clientSubmissionId the device's id of the submission (the event id when it sent none)
     */
    record QuizAnswered(UUID activityId, OffsetDateTime startedAt, UUID clientSubmissionId, List<Answer> answers) implements EventData {
        public SyncEventType type() {
            return SyncEventType.QUIZ_SUBMITTED;
        }
    }

    /** @param fileRef the id of a file the server issued to the student, or of a resumable upload that will become one */
    record AssignmentHandedIn(UUID activityId, UUID fileRef) implements EventData {
        public SyncEventType type() {
            return SyncEventType.ASSIGNMENT_FILE;
        }
    }

    /** @param scopeId the badge's scope, null for the student's own */
    record BadgeSeen(String badge, UUID scopeId) implements EventData {
        public SyncEventType type() {
            return SyncEventType.BADGE_SEEN;
        }
    }

    record NotificationRead(UUID notificationId) implements EventData {
        public SyncEventType type() {
            return SyncEventType.NOTIFICATION_READ;
        }
    }
}
