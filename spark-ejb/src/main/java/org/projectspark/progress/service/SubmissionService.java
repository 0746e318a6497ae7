package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.progress.persistence.ProgressRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Grades a quiz submission on the server and, in one transaction, stores it, moves progress forward, and
 * rewards it (streak, XP ledger and the profile's total, badges). The student's profile row is locked first, so a student's
 * submissions apply one at a time and a re-sent submission (same client id) returns its first result.
 */
@Stateless
public class SubmissionService {

    @Inject
    LearningRecorder recorder;

    @Inject
    LearningRewards rewards;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    Event<StandingChanged> standingChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    public SubmissionResult submit(UUID studentId, UUID activityId, UUID clientSubmissionId, List<Answer> answers) {
        Profile profile = rewards.lockProfile(studentId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        recorder.preloadQuiz(profile, clientSubmissionId, activityId, now);
        int level = profile.level();
        SubmissionResult result = recorder.answerQuiz(profile, progressRecords.publishedActivity(activityId), clientSubmissionId,
                answers, now, true);
        // a retake that earns nothing moves only progress (and maybe the streak): boards, cards and /users/me stay
        if (result.earnedAnything() || profile.level() != level) {
            standingChanged.fire(new StandingChanged(studentId)); // observers of progress watch it too
        } else if (!result.replayed()) {
            progressRecorded.fire(new ProgressRecorded(studentId));
        }
        return result;
    }
}
