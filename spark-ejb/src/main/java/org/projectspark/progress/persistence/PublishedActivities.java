package org.projectspark.progress.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.curriculum.domain.Lesson;
import org.projectspark.curriculum.service.CourseChanged;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Activities as grading needs them (questions, answer keys, lesson and course), kept on each instance for
 * {@value #TTL_SECONDS} s: a class submitting the same quiz should not read it from PostgreSQL 30 times.
 * Dropped on every instance ({@link InstanceCopies}) when a course changes. The cached objects are detached and only
 * ever read. From the primary: a corrected answer key grades the next submission, not one a replica's lag later.
 */
@ApplicationScoped
public class PublishedActivities {

    static final long TTL_SECONDS = 60;

    @PersistenceContext(unitName = "spark")
    EntityManager reads;

    @Inject
    InstanceCopies copies;

    private Copies<UUID, Optional<Activity>> activities;
    private Copies<UUID, Optional<UUID>> firstActivities;
    private Copies<UUID, List<UUID>> lessonRequirements;
    private Copies<UUID, List<UUID>> courseRequirements;

    @PostConstruct
    void init() {
        Duration ttl = Duration.ofSeconds(TTL_SECONDS);
        activities = copies.byId("activities", ttl, 20_000);
        firstActivities = copies.byId("first-activities", ttl, 20_000);
        lessonRequirements = copies.byId("lesson-requirements", ttl, 20_000);
        courseRequirements = copies.byId("course-requirements", ttl, 2_000);
    }

    /**
     * The activities a student completes for the lesson to count as completed: all of them but assignments, which
     * a teacher grades later.
     */
    public List<UUID> requiredForLesson(UUID lessonId) {
        return lessonRequirements.get(lessonId, id -> List.copyOf(reads.createQuery(
                        "SELECT a.id FROM Activity a WHERE a.lesson.id = :lesson AND a.type <> :assignment", UUID.class)
                .setParameter("lesson", id).setParameter("assignment", ActivityType.ASSIGNMENT).getResultList()));
    }

    /** The activities a student completes for the course to count as completed: every lesson's required ones. */
    public List<UUID> requiredForCourse(UUID courseId) {
        return courseRequirements.get(courseId, id -> List.copyOf(reads.createQuery(
                        "SELECT a.id FROM Activity a WHERE a.lesson.unit.course.id = :course AND a.type <> :assignment", UUID.class)
                .setParameter("course", id).setParameter("assignment", ActivityType.ASSIGNMENT).getResultList()));
    }

    /** The activity and those its lesson requires: the progress rows a piece of learning in it may read. */
    public List<UUID> withLesson(Activity activity) {
        List<UUID> ids = new ArrayList<>(requiredForLesson(activity.lesson().id()));
        if (!ids.contains(activity.id())) {
            ids.add(activity.id());
        }
        return ids;
    }

    /** The first activity of a lesson of a published course (where opening the lesson starts the student). */
    public Optional<Activity> firstOfLesson(UUID lessonId) {
        return firstActivities.get(lessonId, id -> {
            Lesson lesson = reads.find(Lesson.class, id);
            return lesson == null || !lesson.unit().course().isPublished() || lesson.activities().isEmpty()
                    ? Optional.empty() : Optional.of(lesson.activities().get(0).id());
        }).flatMap(this::find);
    }

    /** The activity if it exists and its course is published. */
    public Optional<Activity> find(UUID activityId) {
        return activities.get(activityId, this::load);
    }

    private Optional<Activity> load(UUID activityId) {
        Activity activity = reads.find(Activity.class, activityId);
        if (activity == null || !activity.course().isPublished()) {
            return Optional.empty();
        }
        activity.questions().size(); // loaded now: the cached copy is read outside any persistence context
        return Optional.of(activity);
    }

    void courseChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CourseChanged changed) {
        activities.dropAll();
        firstActivities.dropAll();
        lessonRequirements.dropAll();
        courseRequirements.dropAll();
    }
}
