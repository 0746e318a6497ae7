package org.projectspark.account.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.gamification.domain.LevelCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileTest {

    private final LevelCurve curve = new LevelCurve(100, 1.5);

    @Test
    void xpMovesTheLevelAlongTheCurve() {
        Profile profile = User.registerStudent("ama", null, "h", "Ama", "en").profile();
        profile.addXp(150, curve);
        assertThat(profile.xpPoints()).isEqualTo(150);
        assertThat(profile.level()).isEqualTo(curve.levelFor(150)).isEqualTo(2);
    }

    @Test
    void nothingEarnedLeavesTheTotalButStillFollowsACurveThatChanged() {
        Profile profile = User.registerStudent("ama", null, "h", "Ama", "en").profile();
        profile.addXp(150, curve);
        profile.addXp(0, curve);
        assertThat(profile.xpPoints()).isEqualTo(150);
        assertThat(profile.level()).isEqualTo(2);

        LevelCurve gentler = new LevelCurve(50, 1.0); // a school lowered the thresholds: 150 XP is level 4 now
        profile.addXp(0, gentler);
        assertThat(profile.xpPoints()).isEqualTo(150);
        assertThat(profile.level()).isEqualTo(gentler.levelFor(150)).isEqualTo(4);
    }

    @Test
    void xpIsOnlyEverAdded() {
        Profile profile = User.registerStudent("ama", null, "h", "Ama", "en").profile();
        assertThatThrownBy(() -> profile.addXp(-1, curve)).isInstanceOf(IllegalArgumentException.class);
    }
}
