package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;
import org.projectspark.gamification.domain.Badge;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.domain.XpEvent;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.domain.Submission;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Grades a quiz submission on the server and, in one transaction, stores it, moves progress forward,
 * writes the XP ledger and the profile's total. The student's profile row is locked first, so a student's
 * submissions apply one at a time and a re-sent submission (same client id) returns its first result.
 */
@Stateless
public class SubmissionService {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    GamificationSettings gamification;

    @Inject
    Event<AccountChanged> accountChanged;

    public SubmissionResult submit(UUID studentId, UUID activityId, UUID clientSubmissionId, List<Answer> answers) {
        Profile profile = em.createQuery("SELECT p FROM Profile p WHERE p.user.id = :id", Profile.class)
                .setParameter("id", studentId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("No profile for user " + studentId));

        List<Submission> earlier = em.createNamedQuery(Submission.BY_CLIENT_ID, Submission.class)
                .setParameter("student", studentId).setParameter("client", clientSubmissionId).getResultList();
        if (!earlier.isEmpty()) {
            return result(earlier.get(0), profile, true);
        }

        Activity activity = em.find(Activity.class, activityId);
        if (activity == null || !activity.course().isPublished()) {
            throw new NotFoundException("No activity with id " + activityId);
        }
        Grading grading = activity.grade(answers);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        XpRules rules = gamification.rules();

        StudentProgress progress = em.createNamedQuery(StudentProgress.OF_STUDENT_AND_ACTIVITY, StudentProgress.class)
                .setParameter("student", studentId).setParameter("activity", activityId)
                .getResultStream().findFirst().orElseGet(() -> {
                    StudentProgress p = StudentProgress.start(studentId, activityId, now);
                    em.persist(p);
                    return p;
                });
        progress.recordAttempt(grading.score(), rules.passScore(), now);

        LocalDate today = now.atZoneSameInstant(profile.zone()).toLocalDate();
        Streak streak = Optional.ofNullable(em.find(Streak.class, studentId)).orElseGet(() -> {
            Streak s = new Streak(studentId);
            em.persist(s);
            return s;
        });
        boolean streakExtended = streak.recordActivity(today) && streak.current() >= 2;

        int xp = awardXp(studentId, activityId, grading, rules, today, streakExtended, profile.zone(), now);
        profile.addXp(xp, gamification.curve());

        long attempt = em.createNamedQuery(Submission.COUNT_FOR_ACTIVITY, Long.class)
                .setParameter("student", studentId).setParameter("activity", activityId).getSingleResult() + 1;
        Submission submission = new Submission(clientSubmissionId, studentId, activityId, (int) attempt,
                answersJson(answers), feedbackJson(grading), grading.score(), grading.correct(), grading.total(), xp, now);
        em.persist(submission);
        em.flush(); // the badges below refer to the submission
        awardBadges(studentId, Badge.earnedBy(grading.score() >= rules.passScore(), grading.isPerfect(), profile.level(),
                streak.current()), submission, now);
        accountChanged.fire(new AccountChanged(studentId));
        return result(submission, profile, false);
    }

    /** Badges this submission earns that the student does not hold yet; each is held once. */
    private void awardBadges(UUID studentId, List<Badge> qualified, Submission submission, OffsetDateTime now) {
        Set<Badge> held = new HashSet<>();
        em.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class).setParameter("student", studentId)
                .getResultList().forEach(b -> held.add(b.badge()));
        for (Badge badge : qualified) {
            if (held.add(badge)) {
                em.persist(new StudentBadge(studentId, badge, now, submission.id()));
            }
        }
    }


    /**
     * Writes the awards this grading earns that the ledger does not hold yet, and the streak bonus when
     * the first learning of {@code today} extended a streak, within the cap of the student's own day.
     */
    private int awardXp(UUID studentId, UUID activityId, Grading grading, XpRules rules, LocalDate today,
                        boolean streakExtended, java.time.ZoneId zone, OffsetDateTime now) {
        Set<String> already = new HashSet<>(em.createNamedQuery(XpEvent.REASONS_FOR_SOURCE, String.class)
                .setParameter("student", studentId).setParameter("source", activityId).getResultList());
        OffsetDateTime dayStart = today.atStartOfDay(zone).toOffsetDateTime();
        long earnedToday = em.createNamedQuery(XpEvent.SUM_SINCE, Long.class).setParameter("student", studentId)
                .setParameter("since", dayStart).getSingleResult();
        long room = Math.max(0, rules.dailyCap() - earnedToday);
        int total = 0;
        for (XpRules.Award award : rules.awardsFor(grading.score(), grading.isPerfect())) {
            int points = (int) Math.min(award.points(), room - total);
            if (already.contains(award.reason()) || points <= 0) {
                continue;
            }
            em.persist(new XpEvent(studentId, points, award.reason(), activityId, now));
            total += points;
        }
        int bonus = (int) Math.min(rules.streakBonus(), room - total);
        if (streakExtended && bonus > 0) {
            // one bonus per day: the day is the award's source
            UUID day = UUID.nameUUIDFromBytes(("streak-day:" + today).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            em.persist(new XpEvent(studentId, bonus, "STREAK_DAY", day, now));
            total += bonus;
        }
        return total;
    }

    private SubmissionResult result(Submission s, Profile profile, boolean replayed) {
        int streakDays = Optional.ofNullable(em.find(Streak.class, profile.userId()))
                .map(st -> st.currentAsOf(OffsetDateTime.now(ZoneOffset.UTC).atZoneSameInstant(profile.zone()).toLocalDate())).orElse(0);
        List<String> badges = em.createNamedQuery(StudentBadge.OF_SUBMISSION, StudentBadge.class)
                .setParameter("submission", s.id()).getResultList().stream().map(b -> b.badge().name()).toList();
        return new SubmissionResult(s.id(), s.clientSubmissionId(), s.activityId(), s.attempt(), s.score(), s.correctCount(),
                s.questionCount(), feedback(s.feedbackJson()), s.xpAwarded(), profile.xpPoints(), profile.level(),
                badges, streakDays, s.submittedAt(), replayed);
    }

    private static String feedbackJson(Grading grading) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        grading.results().forEach(r -> a.add(Json.createObjectBuilder().add("questionId", r.questionId().toString()).add("correct", r.correct())));
        return a.build().toString();
    }

    private static List<Grading.QuestionResult> feedback(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().stream().map(v -> v.asJsonObject())
                    .map(o -> new Grading.QuestionResult(UUID.fromString(o.getString("questionId")), o.getBoolean("correct"))).toList();
        }
    }

    private static String answersJson(List<Answer> answers) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Answer answer : answers) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("questionId", answer.questionId().toString());
            if (!answer.options().isEmpty()) {
                JsonArrayBuilder ids = Json.createArrayBuilder();
                answer.options().stream().sorted().forEach(ids::add);
                o.add("options", ids);
            }
            if (answer.bool() != null) {
                o.add("value", answer.bool());
            }
            if (answer.number() != null) {
                o.add("number", answer.number());
            }
            if (answer.text() != null) {
                o.add("text", answer.text());
            }
            a.add(o);
        }
        return a.build().toString();
    }
}
