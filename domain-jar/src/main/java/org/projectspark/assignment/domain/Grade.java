package org.projectspark.assignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.projectspark.progress.domain.Handin;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A teacher's grade of one hand-in: a score from 0 to 100 and written feedback. A regrade replaces both and counts a
 * revision; a grade given again unchanged is no regrade (a teacher's app retrying changes nothing and tells no one).
 */
@Entity
@Table(name = "assignment_grades")
@NamedQuery(name = Grade.OF_STUDENT_AND_ACTIVITY,
        query = "SELECT g FROM Grade g WHERE g.studentId = :student AND g.activityId = :activity")
public class Grade {

    public static final String OF_STUDENT_AND_ACTIVITY = "Grade.ofStudentAndActivity";
    public static final int MAX_SCORE = 100;
    public static final int MAX_FEEDBACK = 2000;

    @Id
    @Column(name = "handin_id")
    private UUID handInId;

    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    @Column(nullable = false)
    private int score;

    @Column(length = MAX_FEEDBACK)
    private String feedback;

    @Column(name = "graded_by")
    private UUID gradedBy;

    @Column(name = "first_graded_at", nullable = false, updatable = false)
    private OffsetDateTime firstGradedAt;

    @Column(name = "graded_at", nullable = false)
    private OffsetDateTime gradedAt;

    @Column(nullable = false)
    private int revision;

    protected Grade() {
    }

    /** The first grade of a hand-in; {@code feedback} may be null (a score alone). */
    public static Grade of(Handin handIn, int score, String feedback, UUID teacherId, OffsetDateTime at) {
        checkScore(score);
        Grade g = new Grade();
        g.handInId = handIn.id();
        g.studentId = handIn.studentId();
        g.activityId = handIn.activityId();
        g.score = score;
        g.feedback = feedback;
        g.gradedBy = teacherId;
        g.firstGradedAt = at;
        g.gradedAt = at;
        g.revision = 1;
        return g;
    }

    /** Replaces score and feedback; true when either changed (then it is a new revision by this teacher). */
    public boolean regrade(int newScore, String newFeedback, UUID teacherId, OffsetDateTime at) {
        checkScore(newScore);
        if (newScore == score && Objects.equals(newFeedback, feedback)) {
            return false;
        }
        score = newScore;
        feedback = newFeedback;
        gradedBy = teacherId;
        gradedAt = at;
        revision++;
        return true;
    }

    /**
     * The source of the XP ledger's line for this revision: one line per hand-in and revision at most, so a revision's
     * XP is written once whatever retries.
     */
    public UUID ledgerSource() {
        return UUID.nameUUIDFromBytes(("assignment-grade:" + handInId + "/" + revision).getBytes(StandardCharsets.UTF_8));
    }

    /** The best of a student's grades of one assignment: what its progress and XP follow. */
    public static OptionalInt best(Collection<Grade> grades) {
        return grades.stream().mapToInt(Grade::score).max();
    }

    private static void checkScore(int score) {
        if (score < 0 || score > MAX_SCORE) {
            throw new IllegalArgumentException("a score is from 0 to " + MAX_SCORE);
        }
    }

    public UUID handInId() { return handInId; }
    public UUID studentId() { return studentId; }
    public UUID activityId() { return activityId; }
    public int score() { return score; }
    public Optional<String> feedback() { return Optional.ofNullable(feedback); }
    public UUID gradedBy() { return gradedBy; }
    public OffsetDateTime firstGradedAt() { return firstGradedAt; }
    public OffsetDateTime gradedAt() { return gradedAt; }
    public int revision() { return revision; }
}
