package org.projectspark.leaderboard.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One leaderboard: whose students (everyone, a school's, a class's) and over which time (all time, or one
 * week from Monday 00:00 UTC, so every board's week ends at the same moment wherever the school is).
 */
public record Board(Scope scope, UUID scopeId, Period period, LocalDate weekStart) {

    private static final String KEY_PREFIX = "spark:lb:";
    private static final String BUILT_SUFFIX = ":built";
    /** A SCAN pattern matching every board's keys, and those of the layout before hash tags. */
    public static final String ALL_KEYS = "spark:lb*";
    /** A SCAN pattern matching every board's built marker. */
    public static final String BUILT_MARKERS = KEY_PREFIX + "{*}" + BUILT_SUFFIX;

    public enum Scope { GLOBAL, SCHOOL, CLASS }

    public enum Period {
        ALL_TIME("all"), WEEK("week");

        private final String code;

        Period(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Period ofCode(String code) {
            for (Period p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("period is 'all' or 'week'");
        }
    }

    public Board {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(period);
        if ((scope == Scope.GLOBAL) != (scopeId == null)) {
            throw new IllegalArgumentException("a school or class board names its school or class; the global board none");
        }
        if ((period == Period.WEEK) != (weekStart != null) || weekStart != null && weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("a weekly board starts on a Monday");
        }
    }

    /** The board as of {@code now}: a weekly one is this week's. */
    public static Board of(Scope scope, UUID scopeId, Period period, OffsetDateTime now) {
        LocalDate monday = period == Period.WEEK
                ? now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : null;
        return new Board(scope, scopeId, period, monday);
    }

    /**
     * The Redis key of its sorted set, e.g. {@code spark:lb:{class:<id>:week:2026-W48}}. The braces are a Redis Cluster
     * hash tag: the board's own keys ({@link #builtMarkerKey}, {@link #rebuildLockKey}) carry the same one, so they
     * live in one slot and a script may read them together; different boards spread over the cluster.
     */
    public String key() {
        return KEY_PREFIX + "{" + suffix() + "}";
    }

    /** Present while the sorted set is known to hold the whole board (it was rebuilt from PostgreSQL). */
    public String builtMarkerKey() {
        return key() + BUILT_SUFFIX;
    }

    public String rebuildLockKey() {
        return key() + ":lock";
    }

    private String suffix() {
        String who = scope.name().toLowerCase(Locale.ROOT) + (scopeId == null ? "" : ":" + scopeId);
        return who + ":" + period.code() + (weekStart == null ? "" : ":" + week().orElseThrow());
    }

    /** ISO week label, e.g. 2026-W48. */
    public Optional<String> week() {
        return Optional.ofNullable(weekStart).map(d -> String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    public Optional<OffsetDateTime> startsAt() {
        return Optional.ofNullable(weekStart).map(d -> d.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    public Optional<OffsetDateTime> endsAt() {
        return startsAt().map(s -> s.plusWeeks(1));
    }
}
