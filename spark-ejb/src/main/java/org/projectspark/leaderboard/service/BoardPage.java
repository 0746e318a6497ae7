package org.projectspark.leaderboard.service;

import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;

import java.util.List;

/** Part of a board, how many students it has, and whether Redis or PostgreSQL answered. */
public record BoardPage(Board board, List<Standing> standings, long total, Source source) {

    public enum Source { REDIS, DATABASE }
}
