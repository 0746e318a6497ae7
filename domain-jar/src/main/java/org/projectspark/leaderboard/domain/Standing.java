package org.projectspark.leaderboard.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A student's place on a board. Ranks are competition ranks ("1, 2, 2, 4"): equal XP shares a rank, and a
 * rank is one more than the number of students with more XP. Within equal XP students are listed by id,
 * descending (what a Redis sorted set does), so the order is stable between Redis and PostgreSQL.
 */
public record Standing(UUID studentId, long xp, long rank) {

    /** A scored student, in board order. */
    public record Scored(UUID studentId, long xp) {
    }

    /**
     * Ranks a run of consecutive entries of a board, given in board order, whose first entry has
     * {@code firstRank} (the number of students with more XP, plus one) and sits at {@code firstPosition} (0-based).
     */
    public static List<Standing> rank(List<Scored> run, long firstRank, long firstPosition) {
        List<Standing> standings = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            Scored s = run.get(i);
            long rank = i == 0 ? firstRank
                    : s.xp() == run.get(i - 1).xp() ? standings.get(i - 1).rank() : firstPosition + i + 1;
            standings.add(new Standing(s.studentId(), s.xp(), rank));
        }
        return standings;
    }
}
