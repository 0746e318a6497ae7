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

import java.util.Optional;
import java.util.UUID;

/** A student's own hand-ins with their grades and the teacher's feedback. */
@Path("me/handins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("STUDENT")
@Tag(name = ApiDoc.ASSIGNMENTS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class MyHandInResource {

    @Inject
    HandIns handIns;

    @GET
    @Operation(operationId = "listMyHandIns", summary = "The signed-in student's hand-ins with their grades")
    @APIResponse(responseCode = "200", description = "A page of hand-ins", content = @Content(schema = @Schema(implementation = HandInView.Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public HandInView.Page list(@QueryParam("activityId") UUID activityId,
                                @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        HandIns.Page page = handIns.mine(Caller.current().id(), Optional.ofNullable(activityId), offset, limit);
        return new HandInView.Page(page.items().stream().map(HandInView::of).toList(), page.total(), offset, limit);
    }

    @GET
    @Path("{handinId}")
    @Operation(summary = "One of the signed-in student's hand-ins")
    @APIResponse(responseCode = "200", description = "The hand-in", content = @Content(schema = @Schema(implementation = HandInView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public HandInView one(@PathParam("handinId") UUID handInId) {
        return HandInView.of(handIns.mine(Caller.current().id(), handInId));
    }
}
