package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.school.domain.SchoolClass;

import java.util.List;
import java.util.UUID;

/** Classes and their teachers: a school's teachers and admins create classes; a class's teachers add co-teachers. */
@Stateless
public class Teaching {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @EJB
    AccountService accounts;

    @Inject
    Event<ClassTeachingChanged> teachingChanged;

    /** A class in a school; a teacher who creates one teaches it. */
    public SchoolClass createClass(UUID callerId, UUID schoolId, String name, String grade, String subject) {
        checks.school(schoolId);
        SchoolAccess caller = checks.accessOf(callerId);
        boolean teacherHere = caller.user().hasRole(Role.TEACHER) && caller.belongsTo(schoolId);
        if (!caller.managesSchool(schoolId) && !teacherHere) {
            throw new AccessDeniedException("Only this school's teachers and admins create its classes");
        }
        SchoolClass c = new SchoolClass(schoolId, name.trim(), grade, subject);
        if (teacherHere) {
            c.addTeacher(callerId);
        }
        em.persist(c);
        return c;
    }

    /** A teacher of the class (or the school's admin) adds a co-teacher of the same school. */
    public SchoolClass addTeacher(UUID callerId, UUID classId, UUID teacherId) {
        SchoolClass c = checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins add teachers to it");
        User teacher = accounts.find(teacherId);
        if (!teacher.hasRole(Role.TEACHER)) {
            throw new InvalidRequestException("User " + teacherId + " is not a teacher");
        }
        if (teacher.profile().schoolId().filter(c.schoolId()::equals).isEmpty()) {
            throw new ConflictException("The teacher is not a member of this class's school; add them to the school first");
        }
        c.addTeacher(teacherId);
        teachingChanged.fire(new ClassTeachingChanged(teacherId, classId));
        return c;
    }

    public SchoolClass removeTeacher(UUID callerId, UUID classId, UUID teacherId) {
        SchoolClass c = checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins remove teachers from it");
        if (c.removeTeacher(teacherId)) {
            teachingChanged.fire(new ClassTeachingChanged(teacherId, classId));
        }
        return c;
    }

    /** The classes the caller teaches (all of their school's for a school admin). */
    public List<SchoolClass> classesTaughtBy(UUID callerId) {
        SchoolAccess caller = checks.accessOf(callerId);
        if (caller.user().hasRole(Role.SCHOOL_ADMIN) && caller.user().profile().schoolId().isPresent()) {
            return em.createNamedQuery(SchoolClass.OF_SCHOOL, SchoolClass.class)
                    .setParameter("school", caller.user().profile().schoolId().get()).getResultList();
        }
        return em.createNamedQuery(SchoolClass.TAUGHT_BY, SchoolClass.class).setParameter("teacher", callerId).getResultList();
    }
}
