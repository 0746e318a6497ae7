package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.school.service.MembershipChanged;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps a student's place on their boards in step with PostgreSQL after each committed change: XP earned,
 * a role or activity change, joining or leaving a school or class. It writes the totals PostgreSQL holds
 * (not increments), so applying it twice, or late, does no harm.
 */
@ApplicationScoped
public class BoardUpdater {

    @Inject
    BoardQueries queries;

    @Inject
    BoardStore store;

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        update(changed.userId(), List.of(), false);
    }

    void standingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StandingChanged changed) {
        update(changed.studentId(), List.of(), changed.lowered());
    }

    void membershipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Board> left = new ArrayList<>();
        changed.leftSchool().ifPresent(s -> left.addAll(both(Board.Scope.SCHOOL, s, now)));
        changed.leftClass().ifPresent(c -> left.addAll(both(Board.Scope.CLASS, c, now)));
        update(changed.userId(), left, false);
    }

    /** XP went down as well as up: every board is rebuilt from PostgreSQL when next read. */
    void xpRecomputed(@Observes org.projectspark.gamification.service.XpRecomputed recomputed) {
        store.dropAll();
    }

    private void update(UUID studentId, List<Board> left, boolean lowered) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime weekStart = Board.of(Board.Scope.GLOBAL, null, Board.Period.WEEK, now).startsAt().orElseThrow();
        queries.boardsOf(studentId, weekStart).ifPresent(s -> {
            List<Board> mine = new ArrayList<>(both(Board.Scope.GLOBAL, null, now));
            s.schoolId().ifPresent(id -> mine.addAll(both(Board.Scope.SCHOOL, id, now)));
            s.classIds().forEach(id -> mine.addAll(both(Board.Scope.CLASS, id, now)));
            Map<Board, Long> scores = new LinkedHashMap<>();
            List<Board> leave = new ArrayList<>(left);
            for (Board b : mine) {
                long xp = b.period() == Board.Period.WEEK ? s.weekXp() : s.xp();
                if (s.ranked() && (b.period() == Board.Period.ALL_TIME || xp > 0)) {
                    scores.put(b, xp);
                } else {
                    leave.add(b);
                }
            }
            store.update(scores, leave, studentId.toString(), lowered);
        });
    }

    private static List<Board> both(Board.Scope scope, UUID id, OffsetDateTime now) {
        return List.of(Board.of(scope, id, Board.Period.ALL_TIME, now), Board.of(scope, id, Board.Period.WEEK, now));
    }
}
