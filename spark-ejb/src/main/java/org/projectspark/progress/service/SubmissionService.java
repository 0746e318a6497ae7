package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;
import org.projectspark.progress.persistence.ProgressRepository;

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

    @Inject
    LearningRecorder recorder;

    @Inject
    LearningRewards rewards;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    Event<AccountChanged> accountChanged;

    public SubmissionResult submit(UUID studentId, UUID activityId, UUID clientSubmissionId, List<Answer> answers) {
        Profile profile = rewards.lockProfile(studentId);
        Optional<SubmissionResult> earlier = recorder.earlierSubmission(profile, clientSubmissionId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Activity activity = progressRecords.publishedActivity(activityId);
        Grading grading = activity.grade(answers);
        SubmissionResult result = recorder.submit(profile, activity, clientSubmissionId, answers, grading,
                OffsetDateTime.now(ZoneOffset.UTC), true);
        accountChanged.fire(new AccountChanged(studentId)); // XP, level, streak or badges may have moved: observers of progress watch it too
        return result;
    }
}
