package org.projectspark.progress.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A student's progress with one activity. Updates only move it forward: COMPLETED stays completed, the best
 * score is kept, {@code last_accessed} is the latest, so applying the same update twice changes nothing.
 */
@Entity
@Table(name = "student_progress")
@NamedQuery(name = StudentProgress.OF_STUDENT_AND_ACTIVITY,
        query = "SELECT p FROM StudentProgress p WHERE p.studentId = :student AND p.activityId = :activity")
@NamedQuery(name = StudentProgress.OF_ACTIVITIES,
        query = "SELECT p FROM StudentProgress p WHERE p.studentId = :student AND p.activityId IN :ids")
public class StudentProgress {

    public static final String OF_STUDENT_AND_ACTIVITY = "StudentProgress.ofStudentAndActivity";
    public static final String OF_ACTIVITIES = "StudentProgress.ofActivities";

    @Id
    private UUID id;

    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ProgressStatus status;

    @Column(nullable = false)
    private int percent;

    @Column(name = "best_score", precision = 5, scale = 2)
    private BigDecimal bestScore;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_accessed", nullable = false)
    private OffsetDateTime lastAccessed;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    /** When a finish first counted for XP: an implausible offline finish completes too, but earns nothing until accepted. */
    @Column(name = "credited_at")
    private OffsetDateTime creditedAt;

    protected StudentProgress() {
    }

    public static StudentProgress start(UUID studentId, UUID activityId, OffsetDateTime at) {
        StudentProgress p = new StudentProgress();
        p.id = UUID.randomUUID();
        p.studentId = studentId;
        p.activityId = activityId;
        p.status = ProgressStatus.NOT_STARTED;
        p.lastAccessed = at;
        return p;
    }

    /** Records a graded attempt; completed once the score reaches {@code passScore}. True when this attempt completed it. */
    public boolean recordAttempt(double score, int passScore, OffsetDateTime at) {
        boolean wasCompleted = status == ProgressStatus.COMPLETED;
        attempts++;
        BigDecimal s = BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
        if (bestScore == null || s.compareTo(bestScore) > 0) {
            bestScore = s;
        }
        if (score >= passScore) {
            complete(at);
        } else if (status == ProgressStatus.NOT_STARTED) {
            status = ProgressStatus.IN_PROGRESS;
        }
        percent = status == ProgressStatus.COMPLETED ? 100 : Math.max(percent, (int) Math.floor(score));
        touch(at);
        return !wasCompleted && status == ProgressStatus.COMPLETED;
    }

    /**
     * Records a teacher's grades of an assignment: the best of them ({@code bestGrade}, of {@code graded} hand-ins graded)
     * is its score, and it is completed while that reaches {@code passScore}. Unlike a quiz's attempts, grades are
     * replaced when a teacher regrades, so the score follows them down too; the grades are the server's own, given one at
     * a time under the student's lock, so no arrival order is at stake. True when this completed it.
     */
    public boolean recordGrade(int bestGrade, int graded, int passScore, OffsetDateTime at) {
        boolean wasCompleted = status == ProgressStatus.COMPLETED;
        attempts = graded;
        bestScore = BigDecimal.valueOf(bestGrade).setScale(2, RoundingMode.HALF_UP);
        if (bestGrade >= passScore) {
            if (!wasCompleted) {
                completedAt = at;
            }
            status = ProgressStatus.COMPLETED;
            percent = 100;
        } else {
            status = ProgressStatus.IN_PROGRESS;
            completedAt = null;
            percent = Math.min(bestGrade, 99);
        }
        return !wasCompleted && status == ProgressStatus.COMPLETED;
    }

    /**
     * Records how far the student got in an activity that is done by reading, watching or listening
     * ({@code completable}): at 100 % it is completed. For quizzes and assignments it only records the visit
     * and the percent below 100; they complete by a graded submission. Forward only. True when this completed it.
     */
    public boolean recordProgress(int reached, boolean completable, OffsetDateTime at) {
        boolean wasCompleted = status == ProgressStatus.COMPLETED;
        if (wasCompleted && completable && reached == 100) {
            complete(at);
        } else if (!wasCompleted) {
            percent = Math.max(percent, completable ? reached : Math.min(reached, 99));
            if (completable && percent == 100) {
                complete(at);
            } else if (status == ProgressStatus.NOT_STARTED) {
                status = ProgressStatus.IN_PROGRESS;
            }
        }
        touch(at);
        return !wasCompleted && status == ProgressStatus.COMPLETED;
    }

    /**
     * Completed at the earliest time a completing event happened: offline events arrive out of order, and the
     * state must not depend on the order they arrive in.
     */
    private void complete(OffsetDateTime at) {
        if (status != ProgressStatus.COMPLETED || at.isBefore(completedAt)) {
            completedAt = at;
        }
        status = ProgressStatus.COMPLETED;
    }

    /**
     * A finish that counts for XP (plausible, or accepted by a teacher; for a quiz a passing attempt): the earliest is
     * when the completion is credited, whichever order they arrive in. XP replayed under new rules starts from it, not
     * from the completion. True for the first such finish: it completes the activity as far as rewards go (the lesson's
     * and course's badges), even when an implausible finish completed it before.
     */
    public boolean credit(OffsetDateTime at) {
        boolean first = creditedAt == null;
        if (first || at.isBefore(creditedAt)) {
            creditedAt = at;
        }
        return first;
    }

    private void touch(OffsetDateTime at) {
        if (at.isAfter(lastAccessed)) {
            lastAccessed = at;
        }
    }

    public UUID activityId() { return activityId; }
    public OffsetDateTime lastAccessed() { return lastAccessed; }
    public Optional<OffsetDateTime> completedAt() { return Optional.ofNullable(completedAt); }
    public Optional<OffsetDateTime> creditedAt() { return Optional.ofNullable(creditedAt); }

    public ProgressStatus status() { return status; }
    public int percent() { return percent; }
    public Optional<BigDecimal> bestScore() { return Optional.ofNullable(bestScore); }
    public int attempts() { return attempts; }
}
