package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.persistence.ProgressRepository;
import org.projectspark.progress.domain.Submission;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Grades a quiz submission on the server and, in one transaction, stores it, moves progress forward, and
 * rewards it (streak, XP ledger and the profile's total, badges). The student's profile row is locked first, so a student's
 * submissions apply one at a time and a re-sent submission (same client id) returns its first result.
 */
@Stateless
public class SubmissionService {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    GamificationSettings gamification;

    @Inject
    LearningRewards rewards;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    Event<AccountChanged> accountChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    public SubmissionResult submit(UUID studentId, UUID activityId, UUID clientSubmissionId, List<Answer> answers) {
        Profile profile = rewards.lockProfile(studentId);

        List<Submission> earlier = em.createNamedQuery(Submission.BY_CLIENT_ID, Submission.class)
                .setParameter("student", studentId).setParameter("client", clientSubmissionId).getResultList();
        if (!earlier.isEmpty()) {
            return result(earlier.get(0), profile, true);
        }

        Activity activity = progressRecords.publishedActivity(activityId);
        Grading grading = activity.grade(answers);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        XpRules rules = gamification.rules();

        StudentProgress progress = progressRecords.progressOf(studentId, activityId, now);
        boolean completedNow = progress.recordAttempt(grading.score(), rules.passScore(), now);

        Submission submission = new Submission(clientSubmissionId, studentId, activityId, progress.attempts(),
                answersJson(answers), feedbackJson(grading), grading.score(), grading.correct(), grading.total(), 0, now);
        em.persist(submission);
        em.flush(); // the badges refer to the submission
        LearningRewards.Rewards earned = rewards.reward(profile, new LearningRewards.Learning(activity,
                rules.awardsFor(grading.score(), grading.isPerfect()), completedNow, grading.score() >= rules.passScore(),
                grading.isPerfect(), now, submission.id()));
        submission.recordXp(earned.xp());
        progressRecorded.fire(new ProgressRecorded(studentId));
        accountChanged.fire(new AccountChanged(studentId));
        return new SubmissionResult(submission.id(), clientSubmissionId, activityId, submission.attempt(), submission.score(),
                grading.correct(), grading.total(), grading.results(), earned.xp(), profile.xpPoints(), profile.level(),
                earned.badges().stream().map(Enum::name).sorted().toList(), earned.streakDays(), submission.submittedAt(), false);
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
