package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.GuardianLink;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A student's guardians: the student's school admin (or an admin) links them; a guardian sees their children. */
@Stateless
public class Guardians {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @EJB
    AccountService accounts;

    /** The student's school admin (or an admin) links a guardian to the student. */
    public void link(UUID callerId, UUID studentId, UUID guardianId) {
        User student = guardedStudent(callerId, studentId);
        User guardian = accounts.find(guardianId);
        if (!guardian.hasRole(Role.GUARDIAN)) {
            throw new InvalidRequestException("User " + guardianId + " is not a guardian");
        }
        if (em.find(GuardianLink.class, new GuardianLink.Key(guardianId, student.id())) == null) {
            em.persist(new GuardianLink(guardianId, student.id(), callerId));
        }
    }

    public void unlink(UUID callerId, UUID studentId, UUID guardianId) {
        guardedStudent(callerId, studentId);
        GuardianLink link = em.find(GuardianLink.class, new GuardianLink.Key(guardianId, studentId));
        if (link != null) {
            em.remove(link);
        }
    }

    /** The guardian's children. */
    public List<User> childrenOf(UUID guardianId) {
        return em.createNamedQuery(GuardianLink.CHILDREN_OF, UUID.class).setParameter("guardian", guardianId).getResultList()
                .stream().map(id -> em.find(User.class, id)).filter(u -> u != null).toList();
    }

    private User guardedStudent(UUID callerId, UUID studentId) {
        User student = Optional.ofNullable(em.find(User.class, studentId)).filter(u -> u.hasRole(Role.STUDENT))
                .orElseThrow(() -> new NotFoundException("No student with id " + studentId));
        SchoolAccess caller = checks.accessOf(callerId);
        boolean schoolAdmin = student.profile().schoolId().filter(caller::managesSchool).isPresent();
        if (!caller.isAdmin() && !schoolAdmin) {
            throw new AccessDeniedException("Only an admin or the student's school admin links guardians");
        }
        return student;
    }
}
