package org.projectspark.curriculum.domain;

import java.util.List;
import java.util.Set;

/**
 * What counts as right for one question. Only the fields of its question type are set. Never sent to a
 * student before a submission.
 *
 * @param correctOptions the option ids that are right (single choice: exactly one; multiple choice: all of them)
 * @param correctBoolean the answer of a true/false question
 * @param number         the answer of a numeric question, accepted within {@code tolerance}
 * @param accepted       accepted short-text answers, compared without regard to case and accents
 */
public record AnswerKey(Set<String> correctOptions, Boolean correctBoolean, Double number, Double tolerance, List<String> accepted) {

    public AnswerKey {
        correctOptions = correctOptions == null ? Set.of() : Set.copyOf(correctOptions);
        accepted = accepted == null ? List.of() : List.copyOf(accepted);
    }
}
