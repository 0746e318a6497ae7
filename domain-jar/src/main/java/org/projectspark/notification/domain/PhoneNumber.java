package org.projectspark.notification.domain;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 ({@code +254712345678}): SMS providers take nothing else, and a number without its country
 * code is ambiguous across the countries a school may span. Spaces, dashes, dots and brackets people type are dropped.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("a phone number in international form, such as +254712345678");
        }
    }

    public static PhoneNumber parse(String typed) {
        String s = typed == null ? "" : typed.strip().replaceAll("[\\s.()\\-]", "");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        }
        return new PhoneNumber(s);
    }

    /** Shown in answers and logs without the middle digits. */
    public String masked() {
        return e164.substring(0, 4) + "*".repeat(e164.length() - 7) + e164.substring(e164.length() - 3);
    }

    @Override
    public String toString() {
        return masked();
    }
}
