package org.projectspark.progress.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A graded quiz attempt as the server scored it (the client's score is never trusted). The answers and the
 * per-question feedback are kept (as JSON columns) so that a re-sent submission returns exactly its first result.
 */
@Entity
@Table(name = "submissions")
@NamedQuery(name = Submission.BY_CLIENT_ID,
        query = "SELECT s FROM Submission s WHERE s.studentId = :student AND s.clientSubmissionId = :client")
@NamedQuery(name = Submission.BY_CLIENT_IDS,
        query = "SELECT s FROM Submission s WHERE s.studentId = :student AND s.clientSubmissionId IN :ids")
public class Submission {

    public static final String BY_CLIENT_ID = "Submission.byClientId";
    public static final String BY_CLIENT_IDS = "Submission.byClientIds";

    @Id
    private UUID id;

    @Column(name = "client_submission_id", nullable = false, updatable = false)
    private UUID clientSubmissionId;

    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    @Column(nullable = false, updatable = false)
    private int attempt;

    @Column(nullable = false, updatable = false)
    @Convert(converter = AnswersConverter.class)
    private List<Answer> answers;

    @Column(nullable = false, updatable = false)
    @Convert(converter = FeedbackConverter.class)
    private List<Grading.QuestionResult> feedback;

    @Column(nullable = false, updatable = false, precision = 5, scale = 2)
    private BigDecimal score;

    @Column(name = "correct_count", nullable = false, updatable = false)
    private int correctCount;

    @Column(name = "question_count", nullable = false, updatable = false)
    private int questionCount;

    @Column(name = "xp_awarded", nullable = false)
    private int xpAwarded;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private OffsetDateTime submittedAt;

    protected Submission() {
    }

    public Submission(UUID clientSubmissionId, UUID studentId, UUID activityId, int attempt, List<Answer> answers,
                      List<Grading.QuestionResult> feedback, double score, int correct, int total, int xpAwarded, OffsetDateTime at) {
        this.id = UUID.randomUUID();
        this.clientSubmissionId = clientSubmissionId;
        this.studentId = studentId;
        this.activityId = activityId;
        this.attempt = attempt;
        this.answers = List.copyOf(answers);
        this.feedback = List.copyOf(feedback);
        this.score = BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
        this.correctCount = correct;
        this.questionCount = total;
        this.xpAwarded = xpAwarded;
        this.submittedAt = at;
    }

    public UUID id() { return id; }
    public UUID clientSubmissionId() { return clientSubmissionId; }
    public UUID activityId() { return activityId; }
    public int attempt() { return attempt; }
    public List<Grading.QuestionResult> feedback() { return feedback; }
    public BigDecimal score() { return score; }
    public int correctCount() { return correctCount; }
    public int questionCount() { return questionCount; }
    /** The XP the submission earned, known once it is stored (its badges refer to it). */
    public void recordXp(int xp) {
        this.xpAwarded = xp;
    }

    public int xpAwarded() { return xpAwarded; }
    public OffsetDateTime submittedAt() { return submittedAt; }
}
