package org.projectspark.analytics.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.service.AccessChecks;

import java.util.UUID;

/**
 * Teacher and guardian analytics, read-only (no transaction). Reading is two steps so that a cached answer
 * is only ever handed out after this request's caller was checked: first {@code classFor}/{@code studentFor}
 * (who may see what, checked every time), then the figures (cacheable).
 */
@ApplicationScoped
public class Analytics {

    @EJB
    AccessChecks checks;

    @Inject
    UserRepository users;

    @Inject
    ClassAnalytics classes;

    @Inject
    StudentReports reports;

    /** A student their reader may see, and the language the reader reads in. */
    public record StudentSeen(User student, String locale) {

        /** What an answer built from it depends on: the student and the reader's language. */
        public String key() {
            return student.id() + ":" + locale;
        }
    }

    /** The class, if the caller teaches it or manages its school: 404 when missing, 403 when not theirs. */
    public ClassAnalytics.ClassSeen classFor(UUID callerId, UUID classId) {
        return classes.readableBy(callerId, classId);
    }

    /** The student, if the caller may read their progress; 404 for everyone else. */
    public StudentSeen studentFor(UUID callerId, UUID studentId) {
        return new StudentSeen(checks.studentVisibleTo(callerId, studentId), localeOf(callerId));
    }

    public ClassDashboard dashboard(ClassAnalytics.ClassSeen seen) {
        return classes.dashboard(seen);
    }

    public StudentReport report(StudentSeen seen) {
        return reports.of(seen.student(), seen.locale());
    }

    private String localeOf(UUID userId) {
        return users.find(userId).map(u -> u.profile().locale()).orElseThrow(() -> new NotFoundException("No user with id " + userId));
    }
}
