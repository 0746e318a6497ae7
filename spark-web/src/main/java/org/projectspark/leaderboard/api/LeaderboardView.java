package org.projectspark.leaderboard.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.leaderboard.service.BoardPage;
import org.projectspark.leaderboard.service.StudentCards;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A board as the apps show it. Student ids appear on school and class boards only; on the global board a
 * student who hides their name shows as {@code hidden} without name or id (their own entry always shows).
 */
@JsonbPropertyOrder({"board", "total", "entries"})
public record LeaderboardView(BoardView board, long total, List<Entry> entries) {

    @JsonbPropertyOrder({"scope", "id", "name", "period", "week", "startsAt", "endsAt"})
    public record BoardView(String scope, String id, String name, String period, String week, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    @JsonbPropertyOrder({"rank", "studentId", "displayName", "hidden", "xp", "level", "me"})
    public record Entry(long rank, String studentId, String displayName, boolean hidden, long xp, Integer level, boolean me) {
    }

    static LeaderboardView of(BoardPage page, String name, Map<UUID, StudentCards.Card> cards, UUID caller) {
        Board b = page.board();
        BoardView board = new BoardView(b.scope().name().toLowerCase(Locale.ROOT), b.scopeId() == null ? null : b.scopeId().toString(), name,
                b.period().code(), b.week().orElse(null), b.startsAt().orElse(null), b.endsAt().orElse(null));
        return new LeaderboardView(board, page.total(), page.standings().stream().map(s -> entry(b, s, cards.get(s.studentId()), caller)).toList());
    }

    private static Entry entry(Board board, Standing s, StudentCards.Card card, UUID caller) {
        boolean me = s.studentId().equals(caller);
        boolean global = board.scope() == Board.Scope.GLOBAL;
        boolean hidden = global && !me && card != null && card.hiddenOnGlobalBoards();
        return new Entry(s.rank(), global || hidden ? null : s.studentId().toString(),
                hidden || card == null ? null : card.displayName(), hidden, s.xp(), card == null ? null : card.level(), me);
    }
}
