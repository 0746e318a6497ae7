package org.projectspark.assignment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.assignment.service.HandIns;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.util.UUID;

/** What a class's students handed in for one assignment, for its teachers to grade. */
@Path("classes/{classId}/assignments/{activityId}/handins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
@Tag(name = ApiDoc.ASSIGNMENTS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ClassHandInResource {

    @Inject
    HandIns handIns;

    @GET
    @Operation(operationId = "listClassHandIns", summary = "What a class's students handed in for an assignment")
    @APIResponse(responseCode = "200", description = "A page of hand-ins", content = @Content(schema = @Schema(implementation = HandInView.Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public HandInView.Page list(@PathParam("classId") UUID classId, @PathParam("activityId") UUID activityId,
                                @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        HandIns.Page page = handIns.ofClass(Caller.current().id(), classId, activityId, offset, limit);
        return new HandInView.Page(page.items().stream().map(HandInView::of).toList(), page.total(), offset, limit);
    }
}
