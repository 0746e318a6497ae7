package org.projectspark.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.projectspark.curriculum.domain.LocalizedText;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of each kind of notification, from the {@code Notifications} bundles: in the recipient's language, else
 * their language without its region ({@code fr} for {@code fr-CM}), else the school's language, else English, as
 * course texts fall back. Never the server's own locale.
 */
@ApplicationScoped
public class NotificationTexts {

    static final String BUNDLE = "org.projectspark.notification.service.Notifications";
    private static final ResourceBundle.Control NO_SERVER_LOCALE = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** An argument that is itself a text of the bundles (a badge's name), read in the same language. */
    public record Phrase(String key) {
    }

    /** A kind's title and body rendered in a language. */
    public record Rendered(String locale, String title, String body) {
    }

    public Rendered render(String texts, Object[] args, String recipientLocale, String schoolLocale) {
        ResourceBundle bundle = bundle(recipientLocale, schoolLocale);
        String locale = bundle.getLocale().toLanguageTag().equals("und") ? "en" : bundle.getLocale().toLanguageTag();
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof LocalizedText t) {
                values[i] = t.in(recipientLocale, schoolLocale);
            } else if (args[i] instanceof Phrase p) {
                values[i] = format(bundle, p.key(), locale, new Object[0]);
            } else {
                values[i] = String.valueOf(args[i]);
            }
        }
        return new Rendered(locale, format(bundle, texts + ".title", locale, values), format(bundle, texts + ".body", locale, values));
    }

    /** A text of the bundle outside any notification (email footers, SMS words), in the same language choice. */
    public String text(String key, String recipientLocale, String schoolLocale, Object... args) {
        ResourceBundle bundle = bundle(recipientLocale, schoolLocale);
        return format(bundle, key, bundle.getLocale().toLanguageTag(), args);
    }

    /** The language the texts for this user come in (a BCP 47 tag). */
    public String localeOf(String recipientLocale, String schoolLocale) {
        String tag = bundle(recipientLocale, schoolLocale).getLocale().toLanguageTag();
        return tag.equals("und") ? "en" : tag;
    }

    private static ResourceBundle bundle(String recipientLocale, String schoolLocale) {
        for (String tag : new String[] {recipientLocale, schoolLocale}) {
            if (tag != null && !tag.isBlank()) {
                ResourceBundle b = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(tag), NotificationTexts.class.getClassLoader(), NO_SERVER_LOCALE);
                if (!b.getLocale().getLanguage().isEmpty()) {
                    return b;
                }
            }
        }
        return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NotificationTexts.class.getClassLoader(), NO_SERVER_LOCALE);
    }

    private static String format(ResourceBundle bundle, String key, String locale, Object[] values) {
        try {
            return new MessageFormat(bundle.getString(key), Locale.forLanguageTag(locale)).format(values);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no notification text " + key, e);
        }
    }
}
