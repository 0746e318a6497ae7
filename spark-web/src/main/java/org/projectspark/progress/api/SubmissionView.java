package org.projectspark.progress.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.projectspark.progress.service.SubmissionResult;

import java.util.List;

/** The graded result as the student's app shows it. */
@JsonbPropertyOrder({"submissionId", "clientSubmissionId", "activityId", "attempt", "score", "correct", "total",
        "feedback", "xpEarned", "xpTotal", "level", "badgesEarned", "streakDays", "submittedAt", "replayed"})
public record SubmissionView(String submissionId, String clientSubmissionId, String activityId, int attempt, double score,
                             int correct, int total, List<Feedback> feedback, int xpEarned, long xpTotal, int level,
                             List<String> badgesEarned, int streakDays, String submittedAt, boolean replayed) {

    /** Whether one question was right. */
    public record Feedback(String questionId, boolean correct) {
    }

    static SubmissionView of(SubmissionResult r) {
        return new SubmissionView(r.submissionId().toString(), r.clientSubmissionId().toString(), r.activityId().toString(),
                r.attempt(), r.score().doubleValue(), r.correct(), r.total(),
                r.feedback().stream().map(f -> new Feedback(f.questionId().toString(), f.correct())).toList(),
                r.xpEarned(), r.xpTotal(), r.level(), r.badgesEarned(), r.streakDays(), r.submittedAt().toString(), r.replayed());
    }
}
