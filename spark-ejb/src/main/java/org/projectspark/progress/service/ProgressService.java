package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.persistence.ProgressRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A student's progress in an activity that is not graded: how far they read, watched or listened.
 * Reaching the end completes a reading, video or audio and rewards it like a passed quiz (completion XP
 * once, the day for the streak, lesson and course badges). Forward only, so repeating it changes nothing.
 */
@Stateless
public class ProgressService {

    @Inject
    LearningRewards rewards;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    GamificationSettings gamification;

    @Inject
    Event<AccountChanged> accountChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    /** The progress after the update, and what completing the activity earned (nothing when it was done before). */
    public record Outcome(StudentProgress progress, LearningRewards.Rewards rewards, long xpTotal, int level) {
    }

    public Outcome record(UUID studentId, UUID activityId, int percent) {
        Profile profile = rewards.lockProfile(studentId);
        Activity activity = progressRecords.publishedActivity(activityId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        StudentProgress progress = progressRecords.progressOf(studentId, activityId, now);
        boolean completedNow = progress.recordProgress(percent, activity.type().completesWhenDone(), now);
        LearningRewards.Rewards earned = new LearningRewards.Rewards(0, List.of(), 0);
        if (completedNow) {
            earned = rewards.reward(profile, new LearningRewards.Learning(activity, gamification.rules().awardsForCompletion(),
                    true, false, false, now, null));
            accountChanged.fire(new AccountChanged(studentId));
        }
        progressRecorded.fire(new ProgressRecorded(studentId));
        return new Outcome(progress, earned, profile.xpPoints(), profile.level());
    }
}
