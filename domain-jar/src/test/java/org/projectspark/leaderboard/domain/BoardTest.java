package org.projectspark.leaderboard.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID D = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    @Test
    void weekRunsFromMondayUtcWhateverTheOffsetOfNow() {
        // Monday 01:00 in Nairobi is still Sunday in UTC: last week's board
        Board b = Board.of(Board.Scope.GLOBAL, null, Board.Period.WEEK, OffsetDateTime.parse("2026-11-30T01:00+03:00"));
        assertThat(b.weekStart()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(b.week()).contains("2026-W48");
        assertThat(b.key()).isEqualTo("spark:lb:{global:week:2026-W48}");
        assertThat(b.endsAt()).contains(OffsetDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void keysNameScopeAndPeriod() {
        assertThat(Board.of(Board.Scope.CLASS, A, Board.Period.ALL_TIME, OffsetDateTime.now()).key())
                .isEqualTo("spark:lb:{class:" + A + ":all}");
        assertThatThrownBy(() -> new Board(Board.Scope.SCHOOL, null, Board.Period.ALL_TIME, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Board(Board.Scope.GLOBAL, null, Board.Period.WEEK, LocalDate.parse("2026-11-25")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalXpSharesARankAndTheNextRankSkips() {
        List<Standing> s = Standing.rank(List.of(new Standing.Scored(D, 50), new Standing.Scored(C, 40), new Standing.Scored(B, 40),
                new Standing.Scored(A, 10)), 1, 0);
        assertThat(s).extracting(Standing::rank).containsExactly(1L, 2L, 2L, 4L);
    }

    @Test
    void aRunInTheMiddleStartsFromTheCountAbove() {
        // positions 5.. of a board where three students above share our first entry's XP
        List<Standing> s = Standing.rank(List.of(new Standing.Scored(C, 40), new Standing.Scored(B, 40), new Standing.Scored(A, 30)), 3, 5);
        assertThat(s).extracting(Standing::rank).containsExactly(3L, 3L, 8L);
    }
}
