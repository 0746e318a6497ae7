package org.projectspark.notification.domain;

/**
 * A text cut to one SMS segment, so a message costs one SMS: 160 characters when every character is in the GSM 03.38
 * alphabet (its extension characters count twice), else 70 UTF-16 units (UCS-2). A cut text ends with an ellipsis
 * ({@code ...} in GSM-7, which has no single-character one) and is never split inside a surrogate pair.
 */
public final class SmsText {

    public static final int GSM_SEGMENT = 160;
    public static final int UCS2_SEGMENT = 70;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsText() {
    }

    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
    public static int length(String text) {
        if (!isGsm7(text)) {
            return text.length();
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** The text itself when it fits one segment, else its start and an ellipsis. */
    public static String oneSegment(String text) {
        return oneSegment(text, "");
    }

    /**
     * {@code text} followed by {@code suffix} (an opt-out line) in one segment: the text is cut, never the suffix. The
     * encoding is that of both together: one character outside GSM-7 in either makes the whole message UCS-2.
     */
    public static String oneSegment(String text, String suffix) {
        String t = text.strip().replaceAll("[ \\t]+", " ");
        String tail = suffix.isEmpty() ? "" : " " + suffix;
        boolean gsm = isGsm7(t + tail);
        int limit = gsm ? GSM_SEGMENT : UCS2_SEGMENT;
        if (length(t + tail) <= limit) {
            return t + tail;
        }
        String ellipsis = gsm ? "..." : "\u2026";
        int budget = limit - ellipsis.length() - (gsm ? length(tail) : tail.length());
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < t.length();
            int units = pair ? 2 : gsm && GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
            if (used + units > budget) {
                break;
            }
            b.append(c);
            if (pair) {
                b.append(t.charAt(++i));
            }
            used += units;
        }
        return b.toString().stripTrailing() + ellipsis + tail;
    }
}
