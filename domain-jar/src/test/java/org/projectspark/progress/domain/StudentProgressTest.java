package org.projectspark.progress.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StudentProgressTest {

    private final OffsetDateTime t0 = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void progressOnlyMovesForward() {
        StudentProgress p = StudentProgress.start(UUID.randomUUID(), UUID.randomUUID(), t0);
        p.recordAttempt(40, 50, t0.plusMinutes(1));
        assertThat(p.status()).isEqualTo(ProgressStatus.IN_PROGRESS);
        assertThat(p.percent()).isEqualTo(40);
        p.recordAttempt(80, 50, t0.plusMinutes(2));
        assertThat(p.status()).isEqualTo(ProgressStatus.COMPLETED);
        p.recordAttempt(10, 50, t0.plusMinutes(3));
        assertThat(p.status()).as("completed stays completed").isEqualTo(ProgressStatus.COMPLETED);
        assertThat(p.bestScore()).contains(new BigDecimal("80.00"));
        assertThat(p.percent()).isEqualTo(100);
        assertThat(p.attempts()).isEqualTo(3);
    }

    @Test
    void creditedFromTheEarliestFinishThatCountsWhicheverArrivesFirst() {
        StudentProgress p = StudentProgress.start(UUID.randomUUID(), UUID.randomUUID(), t0);
        p.recordProgress(100, true, t0.plusMinutes(1)); // an implausible finish: completes, credits nothing
        assertThat(p.status()).isEqualTo(ProgressStatus.COMPLETED);
        assertThat(p.creditedAt()).isEmpty();
        assertThat(p.credit(t0.plusMinutes(30))).as("the first finish that counts").isTrue();
        assertThat(p.credit(t0.plusMinutes(10))).as("an earlier one arriving later is not the first to count").isFalse();
        assertThat(p.credit(t0.plusMinutes(40))).isFalse();
        assertThat(p.creditedAt()).contains(t0.plusMinutes(10));
        assertThat(p.completedAt()).contains(t0.plusMinutes(1));
    }

    @Test
    void anAssignmentFollowsItsBestGradeDownAsWellAsUp() {
        StudentProgress p = StudentProgress.start(UUID.randomUUID(), UUID.randomUUID(), t0);
        p.recordProgress(0, false, t0); // handed in: a visit
        assertThat(p.recordGrade(80, 1, 50, t0.plusDays(1))).as("a passing grade completes it").isTrue();
        assertThat(p.status()).isEqualTo(ProgressStatus.COMPLETED);
        assertThat(p.percent()).isEqualTo(100);
        assertThat(p.completedAt()).hasValue(t0.plusDays(1));
        assertThat(p.recordGrade(90, 1, 50, t0.plusDays(2))).as("already completed").isFalse();
        assertThat(p.completedAt()).as("completed when first passed").hasValue(t0.plusDays(1));
        assertThat(p.bestScore()).hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("90"));

        assertThat(p.recordGrade(40, 1, 50, t0.plusDays(3))).isFalse();
        assertThat(p.status()).as("a lower regrade takes the completion back").isEqualTo(ProgressStatus.IN_PROGRESS);
        assertThat(p.completedAt()).isEmpty();
        assertThat(p.percent()).isEqualTo(40);
        assertThat(p.bestScore()).hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("40"));
        assertThat(p.lastAccessed()).as("grading is not the student's visit").isEqualTo(t0);
    }
}
