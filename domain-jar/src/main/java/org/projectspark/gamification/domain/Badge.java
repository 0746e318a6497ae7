package org.projectspark.gamification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Badges a student earns once. Streak and course badges come with streaks and lesson progress; these are
 * earned by a graded quiz.
 */
public enum Badge {
    /** The first quiz passed. */
    FIRST_QUIZ,
    /** A quiz with every answer right. */
    PERFECT_QUIZ,
    /** Level 5 reached. */
    LEVEL_5,
    /** Level 10 reached. */
    LEVEL_10;

    /** The badges a graded quiz qualifies for (whether already held or not). */
    public static List<Badge> earnedBy(boolean passed, boolean perfect, int level) {
        List<Badge> badges = new ArrayList<>();
        if (passed) {
            badges.add(FIRST_QUIZ);
        }
        if (perfect) {
            badges.add(PERFECT_QUIZ);
        }
        if (level >= 5) {
            badges.add(LEVEL_5);
        }
        if (level >= 10) {
            badges.add(LEVEL_10);
        }
        return badges;
    }
}
