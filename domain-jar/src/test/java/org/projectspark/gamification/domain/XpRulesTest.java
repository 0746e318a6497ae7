package org.projectspark.gamification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XpRulesTest {

    private final XpRules rules = new XpRules(50, 20, XpRules.bands("90:15,70:10"), 10, 500, 5);

    @Test
    void aPerfectScoreEarnsCompletionEveryBandAndThePerfectBonus() {
        assertThat(rules.awardsFor(100, true)).extracting(XpRules.Award::reason)
                .containsExactlyInAnyOrder("COMPLETION", "SCORE_70", "SCORE_90", "PERFECT");
        assertThat(rules.awardsFor(100, true).stream().mapToInt(XpRules.Award::points).sum()).isEqualTo(55);
    }

    @Test
    void belowThePassScoreNothingIsEarned() {
        assertThat(rules.awardsFor(49.99, false)).isEmpty();
        assertThat(rules.awardsFor(75, false)).extracting(XpRules.Award::reason).containsExactlyInAnyOrder("COMPLETION", "SCORE_70");
    }

    @Test
    void aGradeIsWorthWhatAQuizAtThatScoreEarns() {
        assertThat(rules.forGrade(49)).isZero();
        assertThat(rules.forGrade(50)).isEqualTo(20);
        assertThat(rules.forGrade(80)).isEqualTo(30);
        assertThat(rules.forGrade(99)).isEqualTo(45);
        assertThat(rules.forGrade(100)).as("100 is a perfect grade").isEqualTo(55);
    }

    @Test
    void levelsFollowTheCurve() {
        LevelCurve curve = new LevelCurve(100, 1.5);
        assertThat(curve.levelFor(0)).isEqualTo(1);
        assertThat(curve.levelFor(99)).isEqualTo(1);
        assertThat(curve.levelFor(100)).isEqualTo(2);
        assertThat(curve.xpFor(3)).isEqualTo(283);
        assertThat(curve.levelFor(800)).isEqualTo(5);
    }
}
