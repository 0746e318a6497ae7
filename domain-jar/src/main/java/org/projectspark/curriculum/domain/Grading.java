package org.projectspark.curriculum.domain;

import java.util.List;
import java.util.UUID;

/** The server's grading of a quiz attempt: a score from 0 to 100 and which questions were right. */
public record Grading(double score, int correct, int total, List<QuestionResult> results) {

    public boolean isPerfect() {
        return total > 0 && correct == total;
    }

    /** Whether one question was answered right. */
    public record QuestionResult(UUID questionId, boolean correct) {
    }
}
