package org.projectspark.gamification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Badges a student earns once: by graded quizzes, completed lessons and courses, levels and streaks.
 * {@link #COURSE_COMPLETE} is earned once per course; every other badge once overall.
 */
public enum Badge {
    /** The first quiz passed. */
    FIRST_QUIZ,
    /** A quiz with every answer right. */
    PERFECT_QUIZ,
    /** The first lesson with every activity completed. */
    FIRST_LESSON,
    /** Every lesson of a course completed (once per course). */
    COURSE_COMPLETE,
    /** Level 5 reached. */
    LEVEL_5,
    /** Level 10 reached. */
    LEVEL_10,
    /** Learning on 7 days in a row. */
    STREAK_7,
    /** Learning on 30 days in a row. */
    STREAK_30;

    /** What a piece of learning achieved, as far as badges care. */
    public record Facts(boolean quizPassed, boolean perfectQuiz, boolean lessonCompleted, int level, int streakDays) {
    }

    /** The overall badges these facts qualify for (whether already held or not); course badges are separate. */
    public static List<Badge> earnedBy(Facts facts) {
        List<Badge> badges = new ArrayList<>();
        if (facts.quizPassed()) {
            badges.add(FIRST_QUIZ);
        }
        if (facts.perfectQuiz()) {
            badges.add(PERFECT_QUIZ);
        }
        if (facts.lessonCompleted()) {
            badges.add(FIRST_LESSON);
        }
        if (facts.level() >= 5) {
            badges.add(LEVEL_5);
        }
        if (facts.level() >= 10) {
            badges.add(LEVEL_10);
        }
        if (facts.streakDays() >= 7) {
            badges.add(STREAK_7);
        }
        if (facts.streakDays() >= 30) {
            badges.add(STREAK_30);
        }
        return badges;
    }
}
