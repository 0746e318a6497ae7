package org.projectspark.analytics.service;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.SchoolService;

import java.util.UUID;

/**
 * Teacher and guardian analytics. Reading is two steps so that a cached answer is only ever handed out
 * after this request's caller was checked: first {@code classFor}/{@code studentFor} (who may see what,
 * checked every time), then the figures (cacheable).
 */
@Stateless
public class Analytics {

    @Inject
    SchoolService schools;

    @Inject
    UserRepository users;

    @Inject
    ClassAnalytics classes;

    @Inject
    StudentReports reports;

    /** A class its reader may see, and the language they read in. */
    public record ClassSeen(SchoolClass schoolClass, String locale) {
    }

    /** A student their reader may see, and the language the reader reads in. */
    public record StudentSeen(User student, String locale) {
    }

    /** The class, if the caller teaches it or manages its school: 404 when missing, 403 when not theirs. */
    public ClassSeen classFor(UUID callerId, UUID classId) {
        SchoolClass c = schools.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins see its analytics");
        return new ClassSeen(c, localeOf(callerId));
    }

    /** The student, if the caller may read their progress; 404 for everyone else. */
    public StudentSeen studentFor(UUID callerId, UUID studentId) {
        return new StudentSeen(schools.studentVisibleTo(callerId, studentId), localeOf(callerId));
    }

    public ClassDashboard dashboard(ClassSeen seen) {
        return classes.dashboard(seen.schoolClass(), seen.locale());
    }

    public StudentReport report(StudentSeen seen) {
        return reports.of(seen.student(), seen.locale());
    }

    private String localeOf(UUID userId) {
        return users.find(userId).map(u -> u.profile().locale()).orElseThrow(() -> new NotFoundException("No user with id " + userId));
    }
}
