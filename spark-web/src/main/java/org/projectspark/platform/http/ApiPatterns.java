package org.projectspark.platform.http;

/** Shapes of request fields shared across the API. */
public final class ApiPatterns {

    /** Letters, digits, dot, dash, underscore; no '@' so that a sign-in name is told apart from an email. */
    public static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String USERNAME_MESSAGE = "may hold letters, digits, '.', '-' and '_', starting with a letter or digit";
    /** A BCP 47 language tag such as en, sw, fr-CM or pt-BR. */
    public static final String LOCALE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}";
    public static final String LOCALE_MESSAGE = "must be a language tag such as en, sw or fr-CM";

    private ApiPatterns() {
    }
}
