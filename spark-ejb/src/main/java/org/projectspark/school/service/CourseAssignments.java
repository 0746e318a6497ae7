package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.CourseAssignment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A class's courses and their due dates: its teachers assign and remove them; everyone in the class sees them. */
@Stateless
public class CourseAssignments {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @Inject
    Event<CourseAssigned> assigned;

    /** Assigns a published course to a class, or moves its due date when it is assigned already. */
    public CourseAssignment assign(UUID callerId, UUID classId, UUID courseId, OffsetDateTime dueAt) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins assign courses to it");
        Course course = Optional.ofNullable(em.find(Course.class, courseId)).orElseThrow(() -> new NotFoundException("No course with id " + courseId));
        if (!course.isPublished()) {
            throw new ConflictException("Course " + courseId + " is not published; publish it before assigning it");
        }
        CourseAssignment assignment = em.find(CourseAssignment.class, new CourseAssignment.Key(classId, courseId));
        if (assignment == null) {
            assignment = new CourseAssignment(classId, courseId, callerId, dueAt);
            em.persist(assignment);
            assigned.fire(new CourseAssigned(classId, courseId, assignment.dueAt()));
        } else {
            assignment.dueBy(dueAt);
        }
        return assignment;
    }

    public void unassign(UUID callerId, UUID classId, UUID courseId) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins remove courses from it");
        CourseAssignment assignment = em.find(CourseAssignment.class, new CourseAssignment.Key(classId, courseId));
        if (assignment != null) {
            em.remove(assignment);
        }
    }

    /** The class's courses, for everyone who sees the class. */
    public List<CourseAssignment> ofClass(UUID callerId, UUID classId) {
        checks.classSeenBy(callerId, classId);
        return em.createNamedQuery(CourseAssignment.OF_CLASS, CourseAssignment.class).setParameter("class", classId).getResultList();
    }
}
