package org.projectspark.sync.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.progress.service.LearningRecorder;
import org.projectspark.sync.domain.EventOutcome;
import org.projectspark.sync.domain.SyncEvent;
import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A teacher accepted a flagged offline event: the learning use case rewards it now, at the time it happened
 * ({@link LearningRecorder#rewardAcceptedQuiz}, {@link LearningRecorder#rewardAcceptedProgress}). What the event did is
 * read from the result it was answered: the submission it made, the activity it moved. Runs in the reviewer's
 * transaction.
 */
@ApplicationScoped
public class AcceptedLearning {

    @Inject
    LearningRecorder learning;

    /** The XP it earned now (0 when it earns nothing, or its awards are held already). */
    public int reward(SyncEvent event) {
        Optional<SyncEventType> type = SyncEventType.named(event.type());
        if (type.isEmpty() || !type.get().isLearning() || event.result().isEmpty()) {
            return 0;
        }
        EventOutcome result = event.result().get();
        OffsetDateTime at = event.deviceTime().isAfter(event.receivedAt()) ? event.receivedAt() : event.deviceTime();
        Profile profile = learning.lockLearner(event.userId());
        if (type.get() == SyncEventType.QUIZ_SUBMITTED) {
            UUID client = result.string("clientSubmissionId").map(UUID::fromString).orElse(event.id());
            return learning.rewardAcceptedQuiz(profile, client, at);
        }
        // a lesson opened moved its first activity, which its result names like the others'
        return result.string("activityId").map(UUID::fromString).map(a -> learning.rewardAcceptedProgress(profile, a, at)).orElse(0);
    }
}
