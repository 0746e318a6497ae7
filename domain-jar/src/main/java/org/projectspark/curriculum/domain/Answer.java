package org.projectspark.curriculum.domain;

import java.util.Set;
import java.util.UUID;

/** A student's answer to one question; only the field of the question's type is read. */
public record Answer(UUID questionId, Set<String> options, Boolean bool, Double number, String text) {

    public Answer {
        options = options == null ? Set.of() : Set.copyOf(options);
    }
}
