package org.projectspark.curriculum.api;

import org.projectspark.curriculum.domain.LocalizedText;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.http.ApiPatterns;

import java.util.Map;

/** Turns {locale: text} maps from requests into {@link LocalizedText}, refusing bad locales and huge texts. */
final class Texts {

    private static final int MAX_TEXT = 20_000;

    private Texts() {
    }

    static LocalizedText of(String field, Map<String, String> texts) {
        if (texts == null) {
            return LocalizedText.empty();
        }
        texts.forEach((locale, text) -> {
            if (locale == null || !locale.matches(ApiPatterns.LOCALE)) {
                throw new InvalidRequestException(field + " has a key that is not a language tag: '" + locale + "'");
            }
            if (text != null && text.length() > MAX_TEXT) {
                throw new InvalidRequestException(field + " in '" + locale + "' is longer than " + MAX_TEXT + " characters");
            }
        });
        return LocalizedText.of(texts);
    }
}
