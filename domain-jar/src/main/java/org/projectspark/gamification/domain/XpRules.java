package org.projectspark.gamification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What earns XP for a graded quiz, each award once per activity so re-taking a quiz cannot farm XP:
 * completing it (score at least {@code passScore}), reaching each score band, and a perfect score.
 * The first learning of a day that extends a streak of two days or more earns a streak bonus. A daily cap
 * bounds what one day can bring. Read from configuration (XP_* settings).
 */
public record XpRules(int passScore, int firstCompletion, NavigableMap<Integer, Integer> scoreBands, int perfectScore, int dailyCap,
                      int streakBonus) {

    /** An award a grading earns before the daily cap: why, and how many points. */
    public record Award(String reason, int points) {
    }

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
}
