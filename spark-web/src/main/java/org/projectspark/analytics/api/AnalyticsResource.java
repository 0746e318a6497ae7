package org.projectspark.analytics.api;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
import org.projectspark.platform.http.CurrentRequest;
import org.projectspark.platform.http.HeldAnswers;
import org.projectspark.platform.redis.Redis;
import org.projectspark.platform.security.Caller;

import java.util.Map;
import java.util.UUID;

/**
 * Reports, cached {@value CachedAnswers#ANALYTICS_TTL_SECONDS} s per reader: a student's report (their
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
    Redis redis;

    @Inject
    HeldAnswers held;

    private CachedAnswers cache;

    @PostConstruct
    void init() {
        cache = new CachedAnswers(redis, held, "analytics", CachedAnswers.ANALYTICS_TTL_SECONDS);
    }

    @GET
    @Path("students/{id}")
    public Response studentReport(@PathParam("id") UUID id) {
        Caller caller = Caller.current();
        Analytics.StudentSeen seen = analytics.studentFor(caller.id(), id);
        return cache.json(caller, CurrentRequest.get(), seen.key(), () -> analytics.studentFor(caller.id(), id).key(), () -> analytics.report(seen));
    }

    /** One line per student: what a teacher opens in a spreadsheet or prints for a parents' meeting. */
    @GET
    @Path("classes/{id}/report.csv")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    public Response classReport(@PathParam("id") UUID id) {
        Caller caller = Caller.current();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller.id(), id);
        return cache.answer(caller, CurrentRequest.get(), CSV, Map.of("Content-Disposition", "attachment; filename=\"class-" + id + "-report.csv\""),
                seen.key(), () -> analytics.classFor(caller.id(), id).key(), () -> ClassReportCsv.of(analytics.dashboard(seen)));
    }
}
