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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
import org.projectspark.analytics.service.ClassDashboard;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.util.UUID;

/** {@code GET /classes/{id}/dashboard}: the teacher's view of a class ({@link org.projectspark.analytics.service.ClassDashboard}). */
@Path("classes/{id}/dashboard")
@ApplicationScoped
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
@Tag(name = ApiDoc.ANALYTICS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ClassDashboardResource {

    @Inject
    Analytics analytics;

    @Inject
    CachedAnswers cached;

    @GET
    @Operation(operationId = "classDashboard", summary = "A class's dashboard for its teachers: each student's progress, who struggles")
    @APIResponse(responseCode = "200", description = "The dashboard",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClassDashboard.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response dashboard(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller, id);
        return cached.json(CachedAnswers.CLASS_DASHBOARDS, seen.key(), () -> analytics.classFor(caller, id).key(), () -> analytics.dashboard(seen));
    }
}
