package org.projectspark.progress.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.service.LearningContext;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What learning is recorded against: published activities, and each student's progress in them. */
@ApplicationScoped
public class ProgressRepository {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    PublishedActivities published;

    @Inject
    LearningContext known;

    /** An activity of a published course; a draft's is as unknown to students as a missing one. */
    public Activity publishedActivity(UUID activityId) {
        return published.find(activityId).orElseThrow(() -> new NotFoundException("No activity with id " + activityId));
    }

    /**
     * The student's progress in the activity, started at {@code at} if there is none yet (the transaction's copy).
     * The rows of the rest of its lesson come in the same query, so whether the lesson is complete is known later
     * without another query (and without the flush one would cost).
     */
    public StudentProgress progressOf(UUID studentId, Activity activity, OffsetDateTime at) {
        known.preloadProgress(em, studentId, published.withLesson(activity));
        return known.progress(em, studentId, activity.id(), at);
    }
}
