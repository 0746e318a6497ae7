package org.projectspark.curriculum.api;

import org.projectspark.curriculum.domain.LocalizedText;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.Map;

/** Turns {locale: text} maps from requests into {@link LocalizedText}, refusing bad locales and huge texts. */
final class Texts {

    static final String LOCALE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}";
    private static final int MAX_TEXT = 20_000;

    private Texts() {
    }

    static LocalizedText of(String field, Map<String, String> texts) {
        if (texts == null) {
            return LocalizedText.empty();
        }
        texts.forEach((locale, text) -> {
            if (locale == null || !locale.matches(LOCALE)) {
                throw new InvalidRequestException(field + " has a key that is not a language tag: '" + locale + "'");
            }
            if (text != null && text.length() > MAX_TEXT) {
                throw new InvalidRequestException(field + " in '" + locale + "' is longer than " + MAX_TEXT + " characters");
            }
        });
        return LocalizedText.of(texts);
    }
}
