package org.projectspark.platform.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as the deployment guide does: {@code 900}, {@code 15m}, {@code 1h}, {@code 7d}. */
public final class DurationSetting {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private DurationSetting() {
    }

    /** Parses a duration; a bare number is in {@code bareUnitMillis} (1000 for seconds, 1 for milliseconds). */
    public static Duration parse(String name, String value, long bareUnitMillis) {
        Matcher m = FORM.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new IllegalStateException(name + " must be a duration such as 900, 15m, 1h or 7d (got '" + value + "')");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        Duration d = unit == null ? Duration.ofMillis(n * bareUnitMillis) : switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new IllegalStateException(name + " must be longer than zero");
        }
        return d;
    }
}
