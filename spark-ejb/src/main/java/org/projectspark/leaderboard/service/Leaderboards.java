package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.leaderboard.domain.Board;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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
        return read(board, () -> store.top(board, limit),
                () -> new BoardPage(board, queries.top(board, limit), queries.size(board), BoardPage.Source.DATABASE));
    }

    public BoardPage around(Board board, UUID studentId, int neighbours) {
        return read(board, () -> store.around(board, studentId, neighbours),
                () -> new BoardPage(board, queries.around(board, studentId, neighbours), queries.size(board), BoardPage.Source.DATABASE));
    }

    /** The read of {@link #around} if Redis answers it from a built board; empty when it would need a rebuild or PostgreSQL. */
    public Optional<BoardPage> aroundInRedis(Board board, UUID studentId, int neighbours) {
        return store.around(board, studentId, neighbours).filter(BoardStore.Read::built).map(r -> inRedis(board, r));
    }

    private BoardPage read(Board board, Supplier<Optional<BoardStore.Read>> fromRedis, Supplier<BoardPage> fromDatabase) {
        Optional<BoardStore.Read> read = fromRedis.get();
        if (read.isPresent() && !read.get().built()) {
            read = store.lockForRebuild(board) && store.rebuild(board, queries.all(board)) ? fromRedis.get() : Optional.empty();
        }
        return read.filter(BoardStore.Read::built).map(r -> inRedis(board, r)).orElseGet(fromDatabase);
    }

    private static BoardPage inRedis(Board board, BoardStore.Read built) {
        return new BoardPage(board, built.standings(), built.total(), BoardPage.Source.REDIS);
    }
}
