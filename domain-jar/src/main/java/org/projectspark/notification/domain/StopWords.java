package org.projectspark.notification.domain;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a text someone sent to our number asks to stop SMS: its first word is one of the usual opt-out keywords, in
 * English and in the languages we send in (Swahili {@code ACHA}/{@code SITISHA}, French {@code ARRET}), in any case.
 */
public final class StopWords {

    private static final Set<String> WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ACHA", "SITISHA", "ARRET", "ARRÊT");

    private StopWords() {
    }

    public static boolean asksToStop(String text) {
        if (text == null) {
            return false;
        }
        String first = text.strip().split("[\\s.!,;:]+", 2)[0].toUpperCase(Locale.ROOT);
        return WORDS.contains(first);
    }
}
