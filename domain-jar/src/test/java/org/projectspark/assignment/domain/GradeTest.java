package org.projectspark.assignment.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.progress.domain.Handin;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradeTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-07T09:00:00Z");
    private final UUID teacher = UUID.randomUUID();

    private static Handin handIn() throws Exception {
        Constructor<Handin> made = Handin.class.getDeclaredConstructor();
        made.setAccessible(true);
        Handin h = made.newInstance();
        for (String[] f : new String[][]{{"id", null}, {"studentId", null}, {"activityId", null}}) {
            Field field = Handin.class.getDeclaredField(f[0]);
            field.setAccessible(true);
            field.set(h, UUID.randomUUID());
        }
        return h;
    }

    @Test
    void aRegradeReplacesScoreAndFeedbackAndCountsARevisionWithItsOwnLedgerSource() throws Exception {
        Grade g = Grade.of(handIn(), 80, "Good drawing", teacher, T0);
        UUID first = g.ledgerSource();
        assertThat(g.revision()).isEqualTo(1);

        assertThat(g.regrade(80, "Good drawing", UUID.randomUUID(), T0.plusHours(1))).as("the same grade again is no regrade").isFalse();
        assertThat(g.revision()).isEqualTo(1);
        assertThat(g.gradedBy()).isEqualTo(teacher);
        assertThat(g.ledgerSource()).isEqualTo(first);

        UUID coTeacher = UUID.randomUUID();
        assertThat(g.regrade(60, "Halves must be equal", coTeacher, T0.plusHours(2))).isTrue();
        assertThat(g.score()).isEqualTo(60);
        assertThat(g.feedback()).hasValue("Halves must be equal");
        assertThat(g.revision()).isEqualTo(2);
        assertThat(g.gradedBy()).isEqualTo(coTeacher);
        assertThat(g.firstGradedAt()).isEqualTo(T0);
        assertThat(g.gradedAt()).isEqualTo(T0.plusHours(2));
        assertThat(g.ledgerSource()).as("one ledger line per revision").isNotEqualTo(first);
        assertThat(g.regrade(60, null, coTeacher, T0.plusHours(3))).as("feedback taken away is a change").isTrue();
    }

    @Test
    void theBestGradeCountsAndScoresStayWithin0To100() throws Exception {
        Handin h = handIn();
        assertThat(Grade.best(List.of())).isEmpty();
        assertThat(Grade.best(List.of(Grade.of(h, 40, null, teacher, T0), Grade.of(handIn(), 75, null, teacher, T0)))).hasValue(75);
        assertThatThrownBy(() -> Grade.of(h, 101, null, teacher, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grade.of(h, -1, null, teacher, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
