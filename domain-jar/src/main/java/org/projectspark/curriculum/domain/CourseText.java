package org.projectspark.curriculum.domain;

/**
 * A learner-facing text of a course at its address within the course ({@code title}, {@code u0.l1.summary},
 * {@code u0.l1.a2.q0.prompt}, {@code u0.l1.a2.q0.o:b} for option b). Entities get new ids whenever an author replaces
 * the content, positions do not: the address is where a translation of the text belongs across such replacements.
 * Answer keys are not texts: they are never listed here.
 */
public record CourseText(String path, LocalizedText text) {
}
