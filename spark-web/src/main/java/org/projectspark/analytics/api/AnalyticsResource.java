package org.projectspark.analytics.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
import org.projectspark.platform.security.Caller;

import java.util.Map;
import java.util.UUID;

/**
 * Reports, cached per reader ({@link CachedAnswers#REPORTS}): a student's report (their
 * teachers, school admin, guardians, themselves) and a class report as CSV for spreadsheets.
 */
@Path("analytics")
@ApplicationScoped
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class AnalyticsResource {

    static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    Analytics analytics;

    @Inject
    CachedAnswers cached;

    @GET
    @Path("students/{id}")
    public Response studentReport(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        Analytics.StudentSeen seen = analytics.studentFor(caller, id);
        return cached.json(CachedAnswers.REPORTS, seen.key(), () -> analytics.studentFor(caller, id).key(), () -> analytics.report(seen));
    }

    /** One line per student: what a teacher opens in a spreadsheet or prints for a parents' meeting. */
    @GET
    @Path("classes/{id}/report.csv")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    public Response classReport(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller, id);
        return cached.answer(CachedAnswers.REPORTS, CSV, Map.of("Content-Disposition", "attachment; filename=\"class-" + id + "-report.csv\""),
                seen.key(), () -> analytics.classFor(caller, id).key(), () -> ClassReportCsv.of(analytics.dashboard(seen)));
    }
}
