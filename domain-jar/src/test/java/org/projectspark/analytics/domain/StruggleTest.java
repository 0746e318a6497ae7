package org.projectspark.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StruggleTest {

    private final Struggle rule = new Struggle(BigDecimal.valueOf(50), 5, 7);
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void lowRecentScoresAreAReason() {
        var findings = rule.of(Optional.of(new BigDecimal("38.40")), Optional.of(now.minus(1, ChronoUnit.DAYS)), now);
        assertThat(findings).extracting(Struggle.Finding::reason).containsExactly(Struggle.Reason.LOW_SCORES);
        assertThat(findings.get(0).detail()).isEqualTo("average score 38% over the last 5 quizzes (below 50%)");
    }

    @Test
    void theThresholdItselfIsNotLow() {
        assertThat(rule.of(Optional.of(new BigDecimal("50.00")), Optional.of(now), now)).isEmpty();
    }

    @Test
    void inactiveFromTheGivenNumberOfDays() {
        assertThat(rule.of(Optional.empty(), Optional.of(now.minus(6, ChronoUnit.DAYS).minusSeconds(3600)), now)).isEmpty();
        var findings = rule.of(Optional.empty(), Optional.of(now.minus(9, ChronoUnit.DAYS)), now);
        assertThat(findings).extracting(Struggle.Finding::detail).containsExactly("no learning for 9 days");
    }

    @Test
    void neverActiveAndLowScoresTogether() {
        assertThat(rule.of(Optional.of(BigDecimal.TEN), Optional.empty(), now)).extracting(Struggle.Finding::reason)
                .containsExactly(Struggle.Reason.LOW_SCORES, Struggle.Reason.NEVER_ACTIVE);
    }

    @Test
    void refusesThresholdsOutOfRange() {
        assertThatThrownBy(() -> new Struggle(BigDecimal.valueOf(101), 5, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Struggle(BigDecimal.TEN, 0, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
