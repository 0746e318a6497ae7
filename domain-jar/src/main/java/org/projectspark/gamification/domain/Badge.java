package org.projectspark.gamification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Badges a student earns once, by graded quizzes and the streak they extend. Course badges come with
 * lesson progress.
 */
public enum Badge {
    /** The first quiz passed. */
    FIRST_QUIZ,
    /** A quiz with every answer right. */
    PERFECT_QUIZ,
    /** Level 5 reached. */
    LEVEL_5,
    /** Level 10 reached. */
    LEVEL_10,
    /** Learning on 7 days in a row. */
    STREAK_7,
    /** Learning on 30 days in a row. */
    STREAK_30;

    /** The badges a graded quiz qualifies for (whether already held or not). */
    public static List<Badge> earnedBy(boolean passed, boolean perfect, int level, int streakDays) {
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
        if (streakDays >= 7) {
            badges.add(STREAK_7);
        }
        if (streakDays >= 30) {
            badges.add(STREAK_30);
        }
        return badges;
    }
}
