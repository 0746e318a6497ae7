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
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.school.domain.School;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** Schools and who belongs to them: an admin creates a school; its admin adds its students, teachers and admins. */
@Stateless
public class SchoolMembership {

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

    public School createSchool(String name, String timeZone, String defaultLocale) {
        School school = new School(name.trim(), zone(timeZone), defaultLocale);
        em.persist(school);
        return school;
    }

    /** Puts a student, teacher or school admin into a school (moving them out of their previous one). */
    public void addMember(UUID callerId, UUID schoolId, UUID userId) {
        checks.school(schoolId);
        if (!checks.accessOf(callerId).managesSchool(schoolId)) {
            throw new AccessDeniedException("Only an admin or this school's admin adds members to it");
        }
        User user = accounts.find(userId);
        if (!user.hasRole(Role.STUDENT) && !user.hasRole(Role.TEACHER) && !user.hasRole(Role.SCHOOL_ADMIN)) {
            throw new InvalidRequestException("Only students, teachers and school admins belong to a school");
        }
        Optional<UUID> previous = user.profile().schoolId();
        if (previous.filter(schoolId::equals).isPresent()) {
            return;
        }
        previous.ifPresent(old -> em.createQuery("DELETE FROM ClassEnrolment e WHERE e.studentId = :student AND e.classId IN "
                + "(SELECT c.id FROM SchoolClass c WHERE c.schoolId = :school)").setParameter("student", userId).setParameter("school", old).executeUpdate());
        user.profile().joinSchool(schoolId);
        em.flush();
        membershipChanged.fire(new MembershipChanged(userId, previous, Optional.empty()));
        profileChanged.fire(new ProfileChanged(userId));
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("timeZone '" + timeZone + "' is not a time zone such as Africa/Nairobi");
        }
    }
}
