package org.projectspark.translation.domain;

/**
 * Where a machine translation of one text stands. Only PUBLISHED text is ever in the course students read; the
 * others are the reviewing teacher's.
 */
public enum TextStatus {
    /** Waiting for the provider. */
    PENDING,
    /** Translated (by the provider or by a teacher's edit), waiting for review and publishing. */
    DRAFT,
    /** The source text changed (or went) after this was translated: it translates something no longer written. */
    STALE,
    /** The provider did not translate it; {@code reason} says why. */
    FAILED,
    /** Put into the course as the locale's text. */
    PUBLISHED
}
