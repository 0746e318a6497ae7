package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.GuardianLink;
import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller may see and manage, by the rules of {@link SchoolAccess}: every school service and every feature
 * that shows a school's, a class's or a student's data asks here. A school or class that is missing is 404, one
 * that is not the caller's 403; a student the caller may not see is 404.
 */
@Stateless
public class AccessChecks {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccountService accounts;

    /** What {@code userId} may see and manage. */
    public SchoolAccess accessOf(UUID userId) {
        User user = accounts.find(userId);
        Set<UUID> children = user.hasRole(Role.GUARDIAN)
                ? new HashSet<>(em.createNamedQuery(GuardianLink.CHILDREN_OF, UUID.class).setParameter("guardian", userId).getResultList())
                : Set.of();
        return new SchoolAccess(user, new HashSet<>(em.createNamedQuery(ClassEnrolment.CLASS_IDS_OF_STUDENT, UUID.class)
                .setParameter("student", userId).getResultList()), children);
    }

    /** The school, if the caller belongs to it (or is an admin). */
    public School schoolSeenBy(UUID callerId, UUID schoolId) {
        School school = school(schoolId);
        if (!accessOf(callerId).seesSchool(schoolId)) {
            throw new AccessDeniedException("You are not a member of this school");
        }
        return school;
    }

    /** The class, if the caller teaches or attends it (or manages its school). */
    public SchoolClass classSeenBy(UUID callerId, UUID classId) {
        SchoolClass c = schoolClass(classId);
        if (!accessOf(callerId).seesClass(c)) {
            throw new AccessDeniedException("You neither teach nor attend this class");
        }
        return c;
    }

    /** The class, if the caller teaches it (or manages its school); {@code refusal} says what they were refused. */
    public SchoolClass classTaughtBy(UUID callerId, UUID classId, String refusal) {
        SchoolClass c = schoolClass(classId);
        if (!accessOf(callerId).teaches(c)) {
            throw new AccessDeniedException(refusal);
        }
        return c;
    }

    /**
     * The student, if the caller may read their progress (see {@link SchoolAccess#seesStudent}). Anyone else
     * is told there is no such student: whether a user id exists is not theirs to learn.
     */
    public User studentVisibleTo(UUID callerId, UUID studentId) {
        NotFoundException hidden = new NotFoundException("No student with id " + studentId + " among the students you may see");
        User student = Optional.ofNullable(em.find(User.class, studentId)).filter(u -> u.hasRole(Role.STUDENT)).orElseThrow(() -> hidden);
        if (!accessOf(callerId).seesStudent(studentId, student.profile().schoolId(), classesOf(studentId))) {
            throw hidden;
        }
        return student;
    }

    /** The classes the student is in (a teacher sees the students of the classes they teach). */
    public List<SchoolClass> classesOf(UUID studentId) {
        return em.createNamedQuery(SchoolClass.OF_STUDENT, SchoolClass.class).setParameter("student", studentId).getResultList();
    }

    /** The school; 404 when there is none. */
    public School school(UUID schoolId) {
        return Optional.ofNullable(em.find(School.class, schoolId)).orElseThrow(() -> new NotFoundException("No school with id " + schoolId));
    }

    private SchoolClass schoolClass(UUID classId) {
        return Optional.ofNullable(em.find(SchoolClass.class, classId)).orElseThrow(() -> new NotFoundException("No class with id " + classId));
    }
}
