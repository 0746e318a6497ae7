package org.projectspark.gamification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A student's XP total and the level it reaches on the level curve: kept on the profile's row, moved only by the
 * gamification rules. A value: each change gives a new standing, and one equal to the old is no change at all.
 */
@Embeddable
public class Standing {

    @Column(name = "xp_points", nullable = false)
    private long xpPoints;

    @Column(name = "level", nullable = false)
    private int level;

    protected Standing() {
        // for JPA
    }

    private Standing(long xpPoints, int level) {
        this.xpPoints = xpPoints;
        this.level = level;
    }

    /** Where every student starts. */
    public static Standing start() {
        return new Standing(0, 1);
    }

    /**
     * With XP just written to the ledger added; the level follows the curve, also when nothing was earned and the
     * curve itself changed (a school lowered its thresholds).
     */
    public Standing plus(int points, LevelCurve curve) {
        if (points < 0) {
            throw new IllegalArgumentException("XP is only ever added");
        }
        return new Standing(xpPoints + points, curve.levelFor(xpPoints + points));
    }

    /**
     * Moved to the total a rules recompute found, after the ledger got the matching adjustment: the one way XP can go
     * down. Badges already earned stay.
     */
    public Standing adjustedBy(long delta, LevelCurve curve) {
        if (xpPoints + delta < 0) {
            throw new IllegalArgumentException("XP cannot go below zero");
        }
        return new Standing(xpPoints + delta, curve.levelFor(xpPoints + delta));
    }

    public long xpPoints() {
        return xpPoints;
    }

    public int level() {
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standing s && s.xpPoints == xpPoints && s.level == level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(xpPoints, level);
    }
}
