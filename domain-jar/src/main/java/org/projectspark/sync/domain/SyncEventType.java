package org.projectspark.sync.domain;

/** What a device recorded while offline. XP is never one of them: the server computes it from these. */
public enum SyncEventType {
    /**
     * The student opened a lesson: a visit to its first activity (started if it was not, last access moved up), the
     * same whatever else arrived before it, so the order events arrive in does not matter.
     */
    LESSON_OPENED,
    /** How far the student got in an activity (percent); reading, video and audio complete at 100. */
    PROGRESS,
    /** A quiz attempt with its answers, graded on the server. */
    QUIZ_SUBMITTED,
    /** A file handed in for an assignment (its reference after upload); a teacher grades it later. */
    ASSIGNMENT_FILE,
    /** The student saw a badge they earned: no device shows it as new again. */
    BADGE_SEEN,
    /** The student read a notification. */
    NOTIFICATION_READ;

    /** The type of this name, if there is one (a rejected event keeps the name the device sent). */
    public static java.util.Optional<SyncEventType> named(String name) {
        for (SyncEventType t : values()) {
            if (t.name().equals(name)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the event can earn XP, badges or a streak day, and so needs to be plausible to do so. */
    public boolean isLearning() {
        return this == LESSON_OPENED || this == PROGRESS || this == QUIZ_SUBMITTED || this == ASSIGNMENT_FILE;
    }
}
