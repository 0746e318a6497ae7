package org.projectspark.curriculum.domain;

/** One answer a student can pick in a choice question; {@code id} is stable across languages. */
public record ChoiceOption(String id, LocalizedText text) {
}
