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
public class StudentProgress {

    public static final String OF_STUDENT_AND_ACTIVITY = "StudentProgress.ofStudentAndActivity";

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

    /** Records a graded attempt; completed once the score reaches {@code passScore}. */
    public void recordAttempt(double score, int passScore, OffsetDateTime at) {
        attempts++;
        BigDecimal s = BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
        if (bestScore == null || s.compareTo(bestScore) > 0) {
            bestScore = s;
        }
        if (score >= passScore && status != ProgressStatus.COMPLETED) {
            status = ProgressStatus.COMPLETED;
            completedAt = at;
        } else if (status == ProgressStatus.NOT_STARTED) {
            status = ProgressStatus.IN_PROGRESS;
        }
        percent = status == ProgressStatus.COMPLETED ? 100 : Math.max(percent, (int) Math.floor(score));
        if (at.isAfter(lastAccessed)) {
            lastAccessed = at;
        }
    }

    public ProgressStatus status() { return status; }
    public int percent() { return percent; }
    public Optional<BigDecimal> bestScore() { return Optional.ofNullable(bestScore); }
    public int attempts() { return attempts; }
}
