package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.User;
import org.projectspark.assignment.service.GradeGiven;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.service.BadgeEarned;
import org.projectspark.gamification.service.LevelReached;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.CourseAssigned;
import org.projectspark.sync.service.OfflineWorkNeedsReview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What already happens elsewhere, told to the people it concerns. The services that award badges, assign courses,
 * grade hand-ins or apply uploads know nothing of notifications: they fire their events and these observers raise the notices, in the
 * same transaction where there is one (a badge's notice commits or rolls back with the badge).
 */
@ApplicationScoped
public class NotificationTriggers {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    Inbox inbox;

    void badgeEarned(@Observes BadgeEarned earned) {
        String scope = StudentBadge.EVERYWHERE.equals(earned.scopeId()) ? "" : "/" + earned.scopeId();
        NotificationData data = StudentBadge.EVERYWHERE.equals(earned.scopeId()) ? NotificationData.of("badge", earned.badge().name())
                : NotificationData.of("badge", earned.badge().name(), "courseId", earned.scopeId().toString());
        inbox.raise(Notice.of(earned.studentId(), NotificationKind.BADGE_EARNED, "badge:" + earned.badge() + scope, data,
                new NotificationTexts.Phrase("badge." + earned.badge())));
    }

    void levelReached(@Observes LevelReached reached) {
        inbox.raise(Notice.of(reached.studentId(), NotificationKind.LEVEL_UP, "level:" + reached.level(),
                NotificationData.of("level", Integer.toString(reached.level())), reached.level()));
    }

    /** Every student of the class; one who joins later sees the course in the class, not as news. */
    void courseAssigned(@Observes CourseAssigned assigned) {
        Course course = em.find(Course.class, assigned.courseId());
        SchoolClass schoolClass = em.find(SchoolClass.class, assigned.classId());
        NotificationData data = NotificationData.of("classId", assigned.classId().toString(), "courseId", assigned.courseId().toString());
        List<Notice> notices = new ArrayList<>();
        for (UUID student : studentsOf(assigned.classId())) {
            notices.add(Notice.of(student, NotificationKind.COURSE_ASSIGNED, "course-assigned:" + assigned.classId() + "/" + assigned.courseId(),
                    data, course.title(), schoolClass.name()));
        }
        inbox.raise(notices);
    }

    /** The student, once per grade and revision: a regrade is news again, a grade given again unchanged fires nothing. */
    void gradeGiven(@Observes GradeGiven given) {
        Activity assignment = em.find(Activity.class, given.activityId());
        NotificationData data = NotificationData.of("handinId", given.handInId().toString(), "activityId", given.activityId().toString(),
                "score", Integer.toString(given.score()), "revision", Integer.toString(given.revision()));
        inbox.raise(Notice.of(given.studentId(), NotificationKind.ASSIGNMENT_GRADED, "grade:" + given.handInId() + "/" + given.revision(),
                data, assignment.title(), given.score()));
    }

    /** The student, and every teacher of the student's classes (they review flagged events). */
    void offlineWorkNeedsReview(@Observes OfflineWorkNeedsReview review) {
        String key = "sync-review:" + review.receiptId();
        NotificationData data = NotificationData.of("receiptId", review.receiptId().toString(), "studentId", review.studentId().toString(),
                "rejected", Integer.toString(review.rejected()), "flagged", Integer.toString(review.flagged()));
        List<Notice> notices = new ArrayList<>();
        notices.add(Notice.of(review.studentId(), NotificationKind.SYNC_REVIEW, key, data, review.rejected(), review.flagged()));
        String name = Optional.ofNullable(em.find(User.class, review.studentId())).map(u -> u.profile().displayName()).orElse("");
        Set<UUID> teachers = new LinkedHashSet<>();
        em.createNamedQuery(SchoolClass.OF_STUDENT, SchoolClass.class).setParameter("student", review.studentId()).getResultList()
                .forEach(c -> teachers.addAll(c.teachers()));
        for (UUID teacher : teachers) {
            notices.add(Notice.of(teacher, NotificationKind.SYNC_REVIEW, key, data, name, review.rejected(), review.flagged())
                    .worded("sync-review-teacher"));
        }
        inbox.raise(notices);
    }

    private List<UUID> studentsOf(UUID classId) {
        return em.createNamedQuery(ClassEnrolment.STUDENT_IDS_OF_CLASS, UUID.class).setParameter("class", classId).getResultList();
    }
}
