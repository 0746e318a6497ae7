package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of boards: from Redis when the board is built there; otherwise this caller rebuilds it from
 * PostgreSQL first (one at a time per board across the cluster), and when Redis is down, or another
 * instance is rebuilding, PostgreSQL answers the read itself. Either way the ranks are the same.
 */
@ApplicationScoped
public class Leaderboards {

    @Inject
    BoardStore store;

    @Inject
    BoardQueries queries;

    public BoardPage top(Board board, int limit) {
        return read(board, s -> s.top(board, limit).flatMap(top -> s.size(board).map(n -> page(board, top, n))),
                () -> new BoardPage(board, queries.top(board, limit), queries.size(board), BoardPage.Source.DATABASE));
    }

    public BoardPage around(Board board, UUID studentId, int neighbours) {
        return read(board, s -> s.around(board, studentId, neighbours).flatMap(run -> s.size(board).map(n -> page(board, run, n))),
                () -> new BoardPage(board, queries.around(board, studentId, neighbours), queries.size(board), BoardPage.Source.DATABASE));
    }

    private BoardPage read(Board board, Function<BoardStore, Optional<BoardPage>> fromRedis, java.util.function.Supplier<BoardPage> fromDatabase) {
        boolean built = store.isBuilt(board).orElse(false)
                || store.lockForRebuild(board) && store.rebuild(board, queries.all(board));
        return (built ? fromRedis.apply(store) : Optional.<BoardPage>empty()).orElseGet(fromDatabase);
    }

    private static BoardPage page(Board board, List<Standing> standings, long total) {
        return new BoardPage(board, standings, total, BoardPage.Source.REDIS);
    }
}
