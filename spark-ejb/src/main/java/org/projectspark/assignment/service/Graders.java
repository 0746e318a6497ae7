package org.projectspark.assignment.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.progress.domain.Handin;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.progress.persistence.PublishedActivities;
import org.projectspark.school.domain.CourseAssignment;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.AccessChecks;
import org.projectspark.school.service.SchoolAccess;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who sees and grades hand-ins: the teachers of a class the student is in that has the assignment's course, and the
 * school's admins (and admins). Anyone else is told there is no such class, assignment or hand-in: whether a student
 * handed something in is not theirs to learn.
 */
@ApplicationScoped
public class Graders {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @Inject
    PublishedActivities published;

    /** A class the caller teaches, and an assignment of a course assigned to it. */
    public record ClassAssignment(SchoolClass schoolClass, Activity assignment) {
    }

    public ClassAssignment classAssignment(UUID callerId, UUID classId, UUID activityId) {
        SchoolAccess access = checks.accessOf(callerId);
        SchoolClass c = Optional.ofNullable(em.find(SchoolClass.class, classId)).filter(access::teaches)
                .orElseThrow(() -> new NotFoundException("No class with id " + classId + " among the classes you teach"));
        Activity assignment = published.find(activityId).filter(a -> a.type() == ActivityType.ASSIGNMENT)
                .filter(a -> assigned(List.of(classId), a))
                .orElseThrow(() -> new NotFoundException("No assignment with id " + activityId + " in the courses of class " + classId));
        return new ClassAssignment(c, assignment);
    }

    /** A hand-in the caller may grade, with its assignment. */
    public record Gradable(Handin handIn, Activity assignment) {
    }

    public Gradable handIn(UUID callerId, UUID handInId) {
        NotFoundException hidden = new NotFoundException("No hand-in with id " + handInId + " among your students' work");
        Handin handIn = Optional.ofNullable(em.find(Handin.class, handInId)).orElseThrow(() -> hidden);
        Activity assignment = published.find(handIn.activityId()).orElseThrow(() -> hidden);
        SchoolAccess access = checks.accessOf(callerId);
        List<UUID> classes = checks.classesOf(handIn.studentId()).stream().filter(access::teaches).map(SchoolClass::id).toList();
        if (classes.isEmpty() || !assigned(classes, assignment)) {
            throw hidden;
        }
        return new Gradable(handIn, assignment);
    }

    private boolean assigned(List<UUID> classIds, Activity activity) {
        return em.createNamedQuery(CourseAssignment.COUNT_IN_CLASSES, Long.class)
                .setParameter("classes", classIds).setParameter("course", activity.course().id()).getSingleResult() > 0;
    }
}
