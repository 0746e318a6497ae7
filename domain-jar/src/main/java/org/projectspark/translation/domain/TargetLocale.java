package org.projectspark.translation.domain;

import org.projectspark.platform.error.InvalidRequestException;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A locale a course is translated into: a language tag ({@code sw}, {@code fr-CM}) whose language is an ISO 639
 * language. The provider is asked for the language alone ({@code fr} for {@code fr-CM}): LibreTranslate's codes are
 * languages, and the region's wording is the reviewing teacher's to adjust.
 */
public record TargetLocale(String tag) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    public static TargetLocale of(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new InvalidRequestException("locale must be a language tag such as sw, fr or fr-CM");
        }
        Locale locale = Locale.forLanguageTag(tag);
        String language = locale.getLanguage();
        if (!known(language)) {
            throw new InvalidRequestException("unknown locale '" + tag + "': '" + language + "' is not an ISO 639 language");
        }
        return new TargetLocale(locale.toLanguageTag());
    }

    private static boolean known(String language) {
        if (language.length() == 2) {
            return LANGUAGES.contains(language);
        }
        for (String two : LANGUAGES) {
            try {
                if (new Locale(two).getISO3Language().equals(language)) {
                    return true;
                }
            } catch (MissingResourceException e) {
                // a two-letter language without a three-letter code: not this one
            }
        }
        return false;
    }

    /** The language to ask the provider for. */
    public String language() {
        return Locale.forLanguageTag(tag).getLanguage();
    }

    @Override
    public String toString() {
        return tag;
    }
}
