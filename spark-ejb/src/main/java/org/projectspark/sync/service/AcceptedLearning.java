package org.projectspark.sync.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.progress.domain.ProgressStatus;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.domain.Submission;
import org.projectspark.progress.persistence.ProgressRepository;
import org.projectspark.progress.persistence.PublishedActivities;
import org.projectspark.progress.service.LearningRewards;
import org.projectspark.sync.domain.EventOutcome;
import org.projectspark.sync.domain.SyncEvent;
import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A teacher accepted a flagged offline event: it earns now what it would have earned had it looked plausible
 * (the quiz's awards, a completion's), at the time it happened — never twice, as the ledger holds each award once.
 * Runs in the reviewer's transaction with the student's profile locked.
 */
@ApplicationScoped
public class AcceptedLearning {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    LearningRewards rewards;

    @Inject
    GamificationSettings gamification;

    @Inject
    PublishedActivities published;

    @Inject
    ProgressRepository progressRecords;

    /** The XP it earned now (0 when it earns nothing, or its awards are held already). */
    public int reward(SyncEvent event) {
        SyncEventType type;
        try {
            type = SyncEventType.valueOf(event.type());
        } catch (IllegalArgumentException e) {
            return 0;
        }
        if (!type.isLearning() || event.result().isEmpty()) {
            return 0;
        }
        // what the event did is read from the result it was answered: the submission it made, the activity it moved
        EventOutcome result = event.result().get();
        OffsetDateTime at = event.deviceTime().isAfter(event.receivedAt()) ? event.receivedAt() : event.deviceTime();
        Profile profile = rewards.lockProfile(event.userId());
        XpRules rules = gamification.rules();
        if (type == SyncEventType.QUIZ_SUBMITTED) {
            UUID client = result.string("clientSubmissionId").map(UUID::fromString).orElse(event.id());
            Optional<Submission> submission = em.createNamedQuery(Submission.BY_CLIENT_ID, Submission.class)
                    .setParameter("student", event.userId()).setParameter("client", client).getResultStream().findFirst();
            Optional<Activity> activity = submission.flatMap(s -> published.find(s.activityId()));
            if (activity.isEmpty()) {
                return 0;
            }
            Submission s = submission.get();
            double score = s.score().doubleValue();
            boolean perfect = s.questionCount() > 0 && s.correctCount() == s.questionCount();
            boolean passed = score >= rules.passScore();
            boolean credited = passed && progressRecords.progressOf(event.userId(), activity.get(), at).credit(at);
            LearningRewards.Rewards earned = rewards.reward(profile, new LearningRewards.Learning(activity.get(),
                    rules.awardsFor(score, perfect), credited, passed, perfect, at, s.id()));
            s.recordXp(s.xpAwarded() + earned.xp());
            return earned.xp();
        }
        // a lesson opened moved its first activity, which its result names like the others'
        Optional<Activity> activity = result.string("activityId").map(UUID::fromString).flatMap(published::find);
        if (activity.isEmpty()) {
            return 0;
        }
        StudentProgress progress = progressRecords.progressOf(event.userId(), activity.get(), at);
        if (progress.status() != ProgressStatus.COMPLETED) {
            return 0;
        }
        return rewards.reward(profile, new LearningRewards.Learning(activity.get(), rules.awardsForCompletion(), progress.credit(at),
                false, false, at, null)).xp();
    }

}
