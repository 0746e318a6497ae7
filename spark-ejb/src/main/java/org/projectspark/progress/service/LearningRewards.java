package org.projectspark.progress.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.gamification.domain.Badge;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.domain.XpEvent;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.gamification.service.BadgeEarned;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.gamification.service.LevelReached;
import org.projectspark.progress.persistence.PublishedActivities;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a piece of learning earns, in the caller's transaction (the student's profile row is locked): the
 * day counts for the streak, the XP ledger gets the awards not held yet within the daily cap, the profile
 * its new total and level, and the badges it qualifies for that the student does not hold.
 */
@ApplicationScoped
public class LearningRewards {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    GamificationSettings gamification;

    @Inject
    LearningContext known;

    @Inject
    PublishedActivities published;

    @Inject
    Event<BadgeEarned> badgeEarned;

    @Inject
    Event<LevelReached> levelReached;

    /** XP earned, badges newly held, the streak after it. */
    public record Rewards(int xp, List<Badge> badges, int streakDays) {
        public static final Rewards NONE = new Rewards(0, List.of(), 0);

        /** Whether the student's standing moved (boards, level, badges); a streak day alone does not count. */
        public boolean earnedAnything() {
            return xp > 0 || !badges.isEmpty();
        }
    }

    /** What a graded quiz or a completed activity achieved. */
    public record Learning(Activity activity, List<XpRules.Award> candidates, boolean completedNow, boolean quizPassed,
                           boolean perfectQuiz, OffsetDateTime at, UUID submissionId) {
    }

    /**
     * Locks the student's profile row for the rest of the transaction: a student's learning is rewarded one
     * piece at a time, whichever device or instance it arrives on.
     */
    public Profile lockProfile(UUID studentId) {
        return em.createNamedQuery(Profile.LOCKED, Profile.class).setParameter(1, studentId)
                .getResultStream().findFirst().orElseThrow(() -> new org.projectspark.platform.error.NotFoundException("No profile for user " + studentId));
    }

    public Rewards reward(Profile profile, Learning learning) {
        UUID studentId = profile.userId();
        LocalDate day = learning.at().atZoneSameInstant(profile.zone()).toLocalDate();
        Streak streak = Optional.ofNullable(em.find(Streak.class, studentId)).orElseGet(() -> {
            Streak s = new Streak(studentId);
            em.persist(s);
            return s;
        });
        boolean streakExtended = false;
        int xp = 0;
        if (streak.lastActiveOn().map(day::isAfter).orElse(true)) {
            known.learnedOnNewDay(em, studentId, day);
            streakExtended = streak.recordActivity(day) && streak.current() >= 2;
        } else if (!streak.lastActiveOn().get().equals(day) && known.learnedOn(em, studentId, day)) {
            // (the streak's last day is always among the learning days: nothing to record for it)
            xp += lateStreakBonuses(profile, streak, learning.at());
        }

        UUID source = learning.activity().id();
        known.preloadReasonsAndDay(em, studentId, source, day, profile.zone());
        Set<String> held = known.reasons(em, studentId, source);
        long earnedToday = known.earnedOn(em, studentId, day, profile.zone());
        for (XpRules.Grant g : gamification.rules().grant(source, learning.candidates(), held, earnedToday, streakExtended, day)) {
            em.persist(new XpEvent(studentId, g.points(), g.reason(), g.source(), learning.at()));
            known.granted(g.source(), g.reason(), g.points(), day);
            xp += g.points();
        }
        int levelBefore = profile.level();
        profile.moveTo(profile.standing().plus(xp, gamification.curve()));
        if (profile.level() > levelBefore) {
            levelReached.fire(new LevelReached(studentId, profile.level()));
        }

        boolean lessonCompleted = learning.completedNow() && lessonComplete(studentId, learning.activity());
        List<StudentBadge> qualified = new ArrayList<>();
        Badge.earnedBy(new Badge.Facts(learning.quizPassed(), learning.perfectQuiz(), lessonCompleted, profile.level(), streak.current()))
                .forEach(b -> qualified.add(new StudentBadge(studentId, b, learning.at(), learning.submissionId())));
        if (lessonCompleted && courseComplete(studentId, learning.activity())) {
            qualified.add(new StudentBadge(studentId, Badge.COURSE_COMPLETE, learning.activity().course().id(), learning.at(), learning.submissionId()));
        }
        return new Rewards(xp, awardNew(studentId, qualified), streak.current());
    }

    /**
     * What an assignment's grades are worth changed by {@code delta} (a grade given, or a regrade): one ledger line of
     * the difference under {@code source} (the grading's), the profile's total and level moved with it, and the level
     * badges it reaches held once. No streak day: the student did not learn on the day the teacher graded.
     */
    public Rewards gradeChanged(Profile profile, int delta, UUID source, OffsetDateTime at) {
        if (delta == 0) {
            return Rewards.NONE;
        }
        UUID studentId = profile.userId();
        em.persist(new XpEvent(studentId, delta, XpEvent.ASSIGNMENT_GRADE, source, at));
        int levelBefore = profile.level();
        profile.moveTo(profile.standing().adjustedBy(delta, gamification.curve()));
        if (profile.level() > levelBefore) {
            levelReached.fire(new LevelReached(studentId, profile.level()));
        }
        List<StudentBadge> qualified = Badge.earnedBy(new Badge.Facts(false, false, false, profile.level(), 0)).stream()
                .map(b -> new StudentBadge(studentId, b, at, null)).toList();
        return new Rewards(delta, awardNew(studentId, qualified), 0);
    }

    /**
     * A day before the last one counted arrived late (offline): the streak is counted again from all the student's
     * days, and each day that now extends a streak gets the bonus it would have had in order, if it has none yet.
     */
    private int lateStreakBonuses(Profile profile, Streak streak, OffsetDateTime at) {
        UUID studentId = profile.userId();
        XpRules rules = gamification.rules();
        int xp = 0;
        for (LocalDate extended : streak.recount(known.days(em, studentId))) {
            UUID source = XpRules.streakDaySource(extended);
            boolean granted = !known.reasons(em, studentId, source).isEmpty();
            int points = (int) Math.min(rules.streakBonus(), rules.dailyCap() - known.earnedOn(em, studentId, extended, profile.zone()));
            if (!granted && points > 0) {
                OffsetDateTime when = at.atZoneSameInstant(profile.zone()).toLocalDate().equals(extended) ? at
                        : extended.atStartOfDay(profile.zone()).plusHours(12).toOffsetDateTime();
                em.persist(new XpEvent(studentId, points, XpRules.STREAK_DAY, source, when));
                known.granted(source, XpRules.STREAK_DAY, points, extended);
                xp += points;
            }
        }
        return xp;
    }

    private List<Badge> awardNew(UUID studentId, List<StudentBadge> qualified) {
        if (qualified.isEmpty()) {
            return List.of();
        }
        Set<String> held = known.badges(em, studentId);
        List<Badge> earned = new ArrayList<>();
        for (StudentBadge badge : qualified) {
            if (held.add(badge.badge() + "/" + badge.scopeId())) {
                em.persist(badge);
                earned.add(badge.badge());
                badgeEarned.fire(new BadgeEarned(studentId, badge.badge(), badge.scopeId(), badge.earnedAt()));
            }
        }
        return earned;
    }

    /**
     * Every activity of the activity's lesson completed (assignments, graded later by a teacher, aside): answered
     * from the progress rows this transaction holds (the lesson's came with the activity's).
     */
    private boolean lessonComplete(UUID studentId, Activity activity) {
        return known.allCompleted(em, studentId, published.requiredForLesson(activity.lesson().id()));
    }

    /**
     * Every required activity of the activity's course completed, as this transaction sees it: asked when a lesson
     * completes, which in courses of one-quiz lessons is every first pass. In SQL it needed the writes so far
     * flushed first, a quarter of a sync chunk's CPU; the progress rows not held yet are read without that flush.
     */
    private boolean courseComplete(UUID studentId, Activity activity) {
        return known.allCompleted(em, studentId, published.requiredForCourse(activity.course().id()));
    }
}
