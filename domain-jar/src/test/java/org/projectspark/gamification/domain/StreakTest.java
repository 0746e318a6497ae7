package org.projectspark.gamification.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StreakTest {

    private final LocalDate monday = LocalDate.of(2026, 11, 23);

    @Test
    void consecutiveDaysGrowTheStreakAndASecondActivityTheSameDayDoesNot() {
        Streak s = new Streak(UUID.randomUUID());
        assertThat(s.recordActivity(monday)).isTrue();
        assertThat(s.recordActivity(monday)).isFalse();
        assertThat(s.recordActivity(monday.plusDays(1))).isTrue();
        assertThat(s.current()).isEqualTo(2);
    }

    @Test
    void oneMissedDayIsForgivenButNotTwiceInAWeek() {
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday);
        s.recordActivity(monday.plusDays(2)); // Tuesday missed: grace
        assertThat(s.current()).isEqualTo(2);
        s.recordActivity(monday.plusDays(4)); // Thursday missed too: no grace left this week
        assertThat(s.current()).isEqualTo(1);
        assertThat(s.longest()).isEqualTo(2);
    }

    @Test
    void twoMissedDaysEndTheStreak() {
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday);
        s.recordActivity(monday.plusDays(1));
        s.recordActivity(monday.plusDays(4));
        assertThat(s.current()).isEqualTo(1);
        assertThat(s.currentAsOf(monday.plusDays(7))).isZero();
    }

    @Test
    void anEarlierDayIsNotCountedIncrementally() {
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday.plusDays(1));
        assertThat(s.recordActivity(monday)).isFalse();
        assertThat(s.current()).isEqualTo(1);
    }

    @Test
    void aLateDayJoinsTwoRunsWhenTheStreakIsCountedAgain() {
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday);
        s.recordActivity(monday.plusDays(3));
        s.recordActivity(monday.plusDays(4));
        assertThat(s.current()).isEqualTo(2);
        // Tuesday's tablet syncs on Friday: Monday, Tuesday, (Wednesday forgiven as the grace day), Thursday, Friday
        List<LocalDate> extended = s.recount(List.of(monday, monday.plusDays(1), monday.plusDays(3), monday.plusDays(4)));
        assertThat(s.current()).isEqualTo(4);
        assertThat(s.longest()).isEqualTo(4);
        assertThat(extended).as("the days that extended a streak of two or more, each earns its bonus")
                .containsExactly(monday.plusDays(1), monday.plusDays(3), monday.plusDays(4));
        Streak inOrder = new Streak(UUID.randomUUID());
        List.of(monday, monday.plusDays(1), monday.plusDays(3), monday.plusDays(4)).forEach(inOrder::recordActivity);
        assertThat(s.current()).as("the same as if the days had come in order").isEqualTo(inOrder.current());
        assertThat(s.lastActiveOn()).isEqualTo(inOrder.lastActiveOn());
    }

    @Test
    void countingAgainNeverShortensTheLongestStreak() {
        Streak s = new Streak(UUID.randomUUID());
        for (int d = 0; d < 10; d++) {
            s.recordActivity(monday.plusDays(d));
        }
        s.recount(List.of(monday.plusDays(20)));
        assertThat(s.longest()).isEqualTo(10);
        assertThat(s.current()).isEqualTo(1);
    }

    @Test
    void theDayIsTheStudentsOwnNotUtc() {
        // 22:30 UTC on Monday is already Tuesday 01:30 in Nairobi
        OffsetDateTime lateMondayUtc = OffsetDateTime.of(2026, 11, 23, 22, 30, 0, 0, ZoneOffset.UTC);
        LocalDate nairobiDay = lateMondayUtc.atZoneSameInstant(ZoneId.of("Africa/Nairobi")).toLocalDate();
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday);
        assertThat(s.recordActivity(nairobiDay)).isTrue();
        assertThat(s.current()).isEqualTo(2);
        Streak utc = new Streak(UUID.randomUUID());
        utc.recordActivity(monday);
        assertThat(utc.recordActivity(lateMondayUtc.toLocalDate())).as("still Monday in UTC").isFalse();
    }
}
