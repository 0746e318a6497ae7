package org.projectspark.gamification.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    void lateOfflineEventsForEarlierDaysChangeNothing() {
        Streak s = new Streak(UUID.randomUUID());
        s.recordActivity(monday.plusDays(1));
        assertThat(s.recordActivity(monday)).isFalse();
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
