package org.projectspark.leaderboard.service;

import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;

import java.util.List;

/** Part of a board, how many students it has, and whether Redis or PostgreSQL answered. */
public record BoardPage(Board board, List<Standing> standings, long total, Source source) {

    public enum Source { REDIS, DATABASE }

    /** What this read found (board, standings, size, source): equal for two reads that would show the same. */
    public String fingerprint() {
        return board.key() + '|' + source + '|' + total + '|' + standings;
    }
}
