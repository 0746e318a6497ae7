package org.projectspark.gamification.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.account.domain.Profile;
import org.projectspark.account.domain.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandingTest {

    private final LevelCurve curve = new LevelCurve(100, 1.5);

    @Test
    void xpMovesTheLevelAlongTheCurve() {
        Standing s = Standing.start().plus(150, curve);
        assertThat(s.xpPoints()).isEqualTo(150);
        assertThat(s.level()).isEqualTo(curve.levelFor(150)).isEqualTo(2);
    }

    @Test
    void nothingEarnedLeavesTheTotalButStillFollowsACurveThatChanged() {
        Standing s = Standing.start().plus(150, curve);
        assertThat(s.plus(0, curve)).isEqualTo(s);

        LevelCurve gentler = new LevelCurve(50, 1.0); // a school lowered the thresholds: 150 XP is level 4 now
        Standing moved = s.plus(0, gentler);
        assertThat(moved.xpPoints()).isEqualTo(150);
        assertThat(moved.level()).isEqualTo(gentler.levelFor(150)).isEqualTo(4);
    }

    @Test
    void xpIsOnlyEverAddedExceptByARecomputeThatNeverGoesBelowZero() {
        Standing s = Standing.start().plus(150, curve);
        assertThatThrownBy(() -> s.plus(-1, curve)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.adjustedBy(-100, curve).xpPoints()).isEqualTo(50);
        assertThat(s.adjustedBy(-100, curve).level()).isEqualTo(1);
        assertThatThrownBy(() -> s.adjustedBy(-151, curve)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProfileTakesItsStandingAndAnEqualOneChangesNothing() {
        Profile profile = User.registerStudent("ama", null, "h", "Ama", "en").profile();
        assertThat(profile.standing()).isEqualTo(Standing.start());
        profile.moveTo(profile.standing().plus(150, curve));
        assertThat(profile.xpPoints()).isEqualTo(150);
        assertThat(profile.level()).isEqualTo(2);
    }
}
