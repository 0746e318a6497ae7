package org.projectspark.curriculum.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A learner-facing text in several languages, keyed by locale tag ({@code en}, {@code sw}, {@code fr-CM}).
 * Read with {@link #in}: the exact locale, then its language ({@code fr} for {@code fr-CM}), then the
 * course's default locale.
 */
public final class LocalizedText {

    private final Map<String, String> byLocale;

    private LocalizedText(Map<String, String> byLocale) {
        this.byLocale = Collections.unmodifiableMap(new LinkedHashMap<>(byLocale));
    }

    public static LocalizedText of(Map<String, String> byLocale) {
        Map<String, String> clean = new LinkedHashMap<>();
        byLocale.forEach((locale, text) -> {
            if (locale != null && text != null && !text.isBlank()) {
                clean.put(locale, text.strip());
            }
        });
        return new LocalizedText(clean);
    }

    public static LocalizedText empty() {
        return new LocalizedText(Map.of());
    }

    public boolean has(String locale) {
        return lookup(locale).isPresent();
    }

    /** The text in {@code locale}, else in {@code fallback}, else any; empty string when there is none. */
    public String in(String locale, String fallback) {
        return lookup(locale).or(() -> lookup(fallback))
                .orElseGet(() -> byLocale.values().stream().findFirst().orElse(""));
    }

    private Optional<String> lookup(String locale) {
        return localeMatching(locale).map(byLocale::get);
    }

    /** The locale this text has for {@code wanted}: the same tag, else its language ({@code fr} for {@code fr-CM}). */
    public Optional<String> localeMatching(String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        if (byLocale.containsKey(wanted)) {
            return Optional.of(wanted);
        }
        int dash = wanted.indexOf('-');
        return dash > 0 && byLocale.containsKey(wanted.substring(0, dash)) ? Optional.of(wanted.substring(0, dash)) : Optional.empty();
    }

    /** This text with {@code locale}'s entry set to {@code text} (a translation put in). */
    public LocalizedText with(String locale, String text) {
        Map<String, String> more = new LinkedHashMap<>(byLocale);
        more.put(locale, text);
        return of(more);
    }

    /** The entry written for exactly {@code locale}, without falling back. */
    public Optional<String> exactly(String locale) {
        return Optional.ofNullable(byLocale.get(locale));
    }

    public Map<String, String> asMap() {
        return byLocale;
    }

    public boolean isEmpty() {
        return byLocale.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalizedText other && byLocale.equals(other.byLocale);
    }

    @Override
    public int hashCode() {
        return byLocale.hashCode();
    }
}
