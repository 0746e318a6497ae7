package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.SchoolClass;

import java.util.Optional;
import java.util.UUID;

/** Students in classes: a class's teachers enrol and remove them; a student joins with the class's code. */
@Stateless
public class Enrolment {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @EJB
    AccountService accounts;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    Event<ProfileChanged> profileChanged;

    /** A teacher of the class (or the school's admin) enrols a student of the same school. */
    public void enrol(UUID callerId, UUID classId, UUID studentId) {
        SchoolClass c = checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins enrol students");
        User student = accounts.find(studentId);
        if (!student.hasRole(Role.STUDENT)) {
            throw new InvalidRequestException("User " + studentId + " is not a student");
        }
        if (student.profile().schoolId().filter(c.schoolId()::equals).isEmpty()) {
            throw new ConflictException("The student is not a member of this class's school; add them to the school first");
        }
        join(student.id(), c.id());
    }

    /** A student joins a class of their school (or, without a school yet, of the class's school) by its code. */
    public SchoolClass joinByCode(UUID studentId, String code) {
        SchoolClass c = em.createNamedQuery(SchoolClass.BY_JOIN_CODE, SchoolClass.class).setParameter("code", code.trim().toUpperCase())
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("No class has the join code " + code));
        User student = em.find(User.class, studentId);
        Optional<UUID> school = student.profile().schoolId();
        if (school.isPresent() && !school.get().equals(c.schoolId())) {
            throw new ConflictException("This class belongs to another school; ask your teacher to move you");
        }
        if (school.isEmpty()) {
            student.profile().joinSchool(c.schoolId());
            profileChanged.fire(new ProfileChanged(studentId));
        }
        join(studentId, c.id());
        return c;
    }

    public void unenrol(UUID callerId, UUID classId, UUID studentId) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins remove students");
        ClassEnrolment e = em.find(ClassEnrolment.class, new ClassEnrolment.Key(classId, studentId));
        if (e != null) {
            em.remove(e);
            em.flush();
            membershipChanged.fire(new MembershipChanged(studentId, Optional.empty(), Optional.of(classId)));
        }
    }

    /**
     * Puts the student into the class unless they are in it already; whether they were put in. Checks no right:
     * the caller did (an enrolment, a join by code, a line of a roster the caller may import).
     */
    public boolean join(UUID studentId, UUID classId) {
        if (em.find(ClassEnrolment.class, new ClassEnrolment.Key(classId, studentId)) != null) {
            return false;
        }
        em.persist(new ClassEnrolment(classId, studentId));
        em.flush();
        membershipChanged.fire(new MembershipChanged(studentId, Optional.empty(), Optional.empty()));
        return true;
    }
}
