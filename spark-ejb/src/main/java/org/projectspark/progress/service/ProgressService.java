package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.progress.persistence.ProgressRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    LearningRecorder recorder;

    @Inject
    Event<StandingChanged> standingChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    /** The progress after the update, and what completing the activity earned (nothing when it was done before). */
    public ProgressResult record(UUID studentId, UUID activityId, int percent) {
        Profile profile = rewards.lockProfile(studentId);
        Activity activity = progressRecords.publishedActivity(activityId);
        ProgressResult outcome = recorder.recordProgress(profile, activity, percent, OffsetDateTime.now(ZoneOffset.UTC), true);
        if (outcome.earnedAnything()) {
            standingChanged.fire(new StandingChanged(studentId));
        } else {
            progressRecorded.fire(new ProgressRecorded(studentId));
        }
        return outcome;
    }
}
