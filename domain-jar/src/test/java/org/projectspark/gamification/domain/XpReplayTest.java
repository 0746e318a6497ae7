package org.projectspark.gamification.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class XpReplayTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final UUID QUIZ = UUID.randomUUID();
    private static final UUID READING = UUID.randomUUID();
    private final XpRules rules = new XpRules(50, 20, XpRules.bands("90:15,70:10"), 10, 500, 5);

    @Test
    void retakingAQuizEarnsOnlyTheAwardsNotHeldYet() {
        long xp = XpReplay.total(rules, NAIROBI, List.of(
                new XpReplay.Learning(QUIZ, OffsetDateTime.parse("2026-11-02T08:00Z"), 75.0, false),   // 20 + 10
                new XpReplay.Learning(QUIZ, OffsetDateTime.parse("2026-11-02T09:00Z"), 100.0, true))); // + 15 + 10
        assertThat(xp).isEqualTo(55);
    }

    @Test
    void aSecondDayInARowAddsTheStreakBonusOnceCountedInTheStudentsZone() {
        long xp = XpReplay.total(rules, NAIROBI, List.of(
                new XpReplay.Learning(READING, OffsetDateTime.parse("2026-11-02T20:30Z"), null, false), // 23:30 in Nairobi, day 1: 20
                new XpReplay.Learning(QUIZ, OffsetDateTime.parse("2026-11-02T21:30Z"), 50.0, false),   // 00:30 day 2: 20 + bonus 5
                new XpReplay.Learning(READING, OffsetDateTime.parse("2026-11-02T22:00Z"), null, false))); // same activity again: nothing
        assertThat(xp).isEqualTo(45);
    }

    @Test
    void theDailyCapBoundsADay() {
        XpRules capped = new XpRules(50, 20, XpRules.bands("90:15,70:10"), 10, 30, 5);
        long xp = XpReplay.total(capped, NAIROBI, List.of(
                new XpReplay.Learning(QUIZ, OffsetDateTime.parse("2026-11-02T08:00Z"), 100.0, true),
                new XpReplay.Learning(READING, OffsetDateTime.parse("2026-11-02T09:00Z"), null, false)));
        assertThat(xp).isEqualTo(30);
    }

    @Test
    void aDayOfLearningWithoutAwardsCountsForTheStreakAfterTheDaysOwnLearning() {
        LocalDate day2 = LocalDate.parse("2026-11-03");
        long xp = XpReplay.total(rules, NAIROBI, List.of(
                new XpReplay.Learning(READING, OffsetDateTime.parse("2026-11-02T08:00Z"), null, false), // day 1: 20
                XpReplay.Learning.dayOf(day2, NAIROBI),                                                   // day 2: bonus 5
                XpReplay.Learning.dayOf(day2, NAIROBI)));                                                 // once
        assertThat(xp).isEqualTo(25);
        assertThat(XpReplay.Learning.dayOf(day2, NAIROBI).at().atZoneSameInstant(NAIROBI).toLocalDate()).isEqualTo(day2);
        assertThat(XpReplay.Learning.dayOf(day2, NAIROBI).at()).isAfter(day2.atTime(23, 59).atZone(NAIROBI).toOffsetDateTime());
    }
}
