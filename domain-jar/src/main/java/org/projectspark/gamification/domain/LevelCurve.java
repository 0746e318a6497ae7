package org.projectspark.gamification.domain;

/**
 * How much XP each level needs: reaching level n takes {@code base × (n − 1)^exponent} XP in total
 * (base 100, exponent 1.5: level 2 at 100, 3 at 283, 5 at 800, 10 at 2,700). Configuration, not code.
 */
public record LevelCurve(double base, double exponent) {

    public LevelCurve {
        if (base <= 0 || exponent < 1) {
            throw new IllegalArgumentException("a level curve needs base > 0 and exponent >= 1");
        }
    }

    public int levelFor(long xp) {
        int level = 1;
        while (xpFor(level + 1) <= xp) {
            level++;
        }
        return level;
    }

    /** Total XP at which {@code level} is reached. */
    public long xpFor(int level) {
        return Math.round(base * Math.pow(level - 1, exponent));
    }
}
