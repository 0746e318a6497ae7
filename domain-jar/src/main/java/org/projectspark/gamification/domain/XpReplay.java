package org.projectspark.gamification.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A student's XP as the current rules would have given it: their graded quizzes and completed activities
 * replayed in time order with the same awarding ({@link XpRules#grant}) as live learning, the same daily
 * cap in their time zone and a streak counted afresh. Used to correct XP after an admin changes the rules.
 */
public final class XpReplay {

    /**
     * One piece of learning from the record: a graded quiz (score) or a completed activity (score null), or a day of
     * learning that awards nothing in itself (no activity: a reading finished again), which counts for the streak.
     */
    public record Learning(UUID activityId, OffsetDateTime at, Double score, boolean perfect) {

        /** A day of learning, placed at its last moment so that the day's own learning comes first. */
        public static Learning dayOf(LocalDate day, ZoneId zone) {
            return new Learning(null, day.plusDays(1).atStartOfDay(zone).minusNanos(1_000).toOffsetDateTime(), null, false);
        }
    }

    private XpReplay() {
    }

    public static long total(XpRules rules, ZoneId zone, List<Learning> inTimeOrder) {
        Streak streak = new Streak(new UUID(0, 0));
        Map<UUID, Set<String>> held = new HashMap<>();
        Map<LocalDate, Long> earnedOn = new HashMap<>();
        long total = 0;
        for (Learning l : inTimeOrder) {
            LocalDate day = l.at().atZoneSameInstant(zone).toLocalDate();
            boolean streakExtended = streak.recordActivity(day) && streak.current() >= 2;
            List<XpRules.Award> candidates = l.activityId() == null ? List.of()
                    : l.score() == null ? rules.awardsForCompletion() : rules.awardsFor(l.score(), l.perfect());
            Set<String> heldHere = held.computeIfAbsent(l.activityId(), k -> new HashSet<>());
            for (XpRules.Grant g : rules.grant(l.activityId(), candidates, heldHere, earnedOn.getOrDefault(day, 0L), streakExtended, day)) {
                if (!XpRules.STREAK_DAY.equals(g.reason())) {
                    heldHere.add(g.reason());
                }
                earnedOn.merge(day, (long) g.points(), Long::sum);
                total += g.points();
            }
        }
        return total;
    }
}
