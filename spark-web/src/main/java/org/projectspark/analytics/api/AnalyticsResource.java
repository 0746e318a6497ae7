package org.projectspark.analytics.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
import org.projectspark.analytics.service.StudentReport;
import org.projectspark.platform.openapi.ApiDoc;
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
@Tag(name = ApiDoc.ANALYTICS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class AnalyticsResource {

    static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    Analytics analytics;

    @Inject
    CachedAnswers cached;

    @GET
    @Path("students/{id}")
    @Operation(summary = "A student's report: progress, scores, activity (the student, their teachers, school admin, guardians)")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudentReport.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response studentReport(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        Analytics.StudentSeen seen = analytics.studentFor(caller, id);
        return cached.json(CachedAnswers.REPORTS, seen.key(), () -> analytics.studentFor(caller, id).key(), () -> analytics.report(seen));
    }

    /** One line per student: what a teacher opens in a spreadsheet or prints for a parents' meeting. */
    @GET
    @Path("classes/{id}/report.csv")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "A class report as CSV, one line per student")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response classReport(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller, id);
        return cached.answer(CachedAnswers.REPORTS, CSV, Map.of("Content-Disposition", "attachment; filename=\"class-" + id + "-report.csv\""),
                seen.key(), () -> analytics.classFor(caller, id).key(), () -> ClassReportCsv.of(analytics.dashboard(seen)));
    }
}
