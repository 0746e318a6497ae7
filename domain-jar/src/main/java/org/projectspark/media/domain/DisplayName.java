package org.projectspark.media.domain;

import java.text.Normalizer;

/**
 * The name a file is shown under: what the client called it, kept for display only (the storage key and the id are
 * the server's). No folders ({@code ../../etc/passwd} is {@code passwd}), no control, format or bidirectional
 * characters (an RTL override turns {@code gpj.exe} around), no leading dots, at most {@value #MAX_LENGTH} characters
 * with the extension kept.
 */
public final class DisplayName {

    public static final int MAX_LENGTH = 120;
    private static final int MAX_EXTENSION = 10;

    private DisplayName() {
    }

    /** A safe display name for {@code raw} (null or nothing left: {@code fallback}). */
    public static String of(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        // percent-encoded separators and dots are decoded once, so %2e%2e%2f is seen for what it is
        name = name.replaceAll("(?i)%2f|%5c", "/").replaceAll("(?i)%2e", ".").replaceAll("(?i)%00", "");
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(DisplayName::isShown).forEach(kept::appendCodePoint);
        name = kept.toString().strip().replaceAll("\\s+", " ");
        name = name.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (name.isEmpty()) {
            return fallback;
        }
        return shorten(name);
    }

    private static boolean isShown(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && c != '/' && c != '\\' && c != ':' && c != '*' && c != '?' && c != '"' && c != '<' && c != '>' && c != '|';
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int keep = MAX_LENGTH - extension.length();
        return stem.substring(0, stem.offsetByCodePoints(0, keep)).strip() + extension;
    }
}
