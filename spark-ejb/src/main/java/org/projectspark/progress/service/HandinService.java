package org.projectspark.progress.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Profile;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.media.service.IssuedFiles;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.GoneException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.progress.persistence.ProgressRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A student hands in a file for an assignment online: the same use case as an offline {@code ASSIGNMENT_FILE} event
 * ({@link LearningRecorder#handIn}), now. The file must have arrived: online, the app finishes its upload first.
 */
@Stateless
public class HandinService {

    @Inject
    LearningRecorder recorder;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    IssuedFiles files;

    @Inject
    Event<StandingChanged> standingChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    /** @param fileId a file's id, or a resumable upload's once it is complete */
    public HandinResult handIn(UUID studentId, UUID activityId, UUID fileId) {
        Profile profile = recorder.lockLearner(studentId);
        Activity activity = progressRecords.publishedActivity(activityId);
        IssuedFiles.Issued issued = files.answerOf(studentId, fileId)
                .orElseThrow(() -> new NotFoundException("No file with id " + fileId + " among your uploads"));
        if (issued instanceof IssuedFiles.Uploading u) {
            throw new ConflictException("Upload " + fileId + " holds " + u.offset() + " of its " + u.length() + " bytes; finish it, then hand it in");
        }
        if (issued instanceof IssuedFiles.Expired x) {
            throw new GoneException("Upload " + fileId + " expired at " + x.expiredAt() + " before its last byte; upload the file again");
        }
        HandinResult result = recorder.handIn(profile, activity, ((IssuedFiles.Ready) issued).file(), UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.UTC), true);
        if (result.earnedAnything()) {
            standingChanged.fire(new StandingChanged(studentId));
        } else if (!result.replayed()) {
            progressRecorded.fire(new ProgressRecorded(studentId));
        }
        return result;
    }
}
