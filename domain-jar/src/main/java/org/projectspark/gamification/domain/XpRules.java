package org.projectspark.gamification.domain;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What earns XP for a graded quiz, each award once per activity so re-taking a quiz cannot farm XP:
 * completing it (score at least {@code passScore}), reaching each score band, and a perfect score.
 * The first learning of a day that extends a streak of two days or more earns a streak bonus. A daily cap
 * bounds what one day can bring. Completing a reading, video or audio earns the completion award. Read from
 * configuration (XP_* settings).
 */
public record XpRules(int passScore, int firstCompletion, NavigableMap<Integer, Integer> scoreBands, int perfectScore, int dailyCap,
                      int streakBonus) {

    /** An award a grading earns before the daily cap: why, and how many points. */
    public record Award(String reason, int points) {
    }

    /** A ledger row to write: points for a reason, once per source (an activity, or the day of a streak bonus). */
    public record Grant(String reason, int points, UUID source) {
    }

    public static final String STREAK_DAY = "STREAK_DAY";

    /** Parses bands written as {@code 90:15,70:10,50:5} (score at least → points). */
    public static NavigableMap<Integer, Integer> bands(String spec) {
        NavigableMap<Integer, Integer> bands = new TreeMap<>();
        for (String band : spec.split(",")) {
            if (band.isBlank()) {
                continue;
            }
            String[] parts = band.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("XP score bands look like 90:15,70:10 (got '" + band + "')");
            }
            bands.put(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
        return bands;
    }

    /** Every award this score could earn for an activity; the ledger's uniqueness keeps each to once. */
    public List<Award> awardsFor(double score, boolean perfect) {
        List<Award> awards = new ArrayList<>();
        if (score >= passScore) {
            awards.add(new Award("COMPLETION", firstCompletion));
        }
        scoreBands.forEach((minimum, points) -> {
            if (score >= minimum) {
                awards.add(new Award("SCORE_" + minimum, points));
            }
        });
        if (perfect) {
            awards.add(new Award("PERFECT", perfectScore));
        }
        return awards;
    }

    /**
     * What a teacher's grade of an assignment is worth: what a quiz at that score earns (completion from
     * {@code passScore}, its bands, the perfect award at 100), each once per assignment as for a quiz, so the best of a
     * student's grades of one assignment is what counts. Not capped by the day: see {@link XpEvent#ASSIGNMENT_GRADE}.
     */
    public int forGrade(int score) {
        return awardsFor(score, score == 100).stream().mapToInt(Award::points).sum();
    }

    /** What completing a non-quiz activity (reading, video, audio) could earn. */
    public List<Award> awardsForCompletion() {
        return List.of(new Award("COMPLETION", firstCompletion));
    }

    /**
     * The ledger rows a piece of learning earns: each candidate award not yet held for this source, within
     * what is left of the day's cap, then the streak bonus when this learning was the first of a day that
     * extended a streak. Used both live and when XP is recomputed from history, so both agree.
     */
    public List<Grant> grant(UUID source, List<Award> candidates, Set<String> heldForSource, long earnedToday,
                             boolean streakExtended, LocalDate day) {
        long room = Math.max(0, dailyCap - earnedToday);
        List<Grant> grants = new ArrayList<>();
        int total = 0;
        for (Award award : candidates) {
            int points = (int) Math.min(award.points(), room - total);
            if (heldForSource.contains(award.reason()) || points <= 0) {
                continue;
            }
            grants.add(new Grant(award.reason(), points, source));
            total += points;
        }
        int bonus = (int) Math.min(streakBonus, room - total);
        if (streakExtended && bonus > 0) {
            grants.add(new Grant(STREAK_DAY, bonus, streakDaySource(day)));
        }
        return grants;
    }

    /** One streak bonus per day: the day is the award's source. */
    public static UUID streakDaySource(LocalDate day) {
        return UUID.nameUUIDFromBytes(("streak-day:" + day).getBytes(StandardCharsets.UTF_8));
    }
}
