package org.projectspark.sync.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.sync.domain.SyncEvent;
import org.projectspark.sync.service.SyncOversight;

import java.io.InputStream;
import java.util.UUID;

/** A teacher's decision on a flagged offline event: {@code {"decision": "ACCEPTED" | "DISMISSED"}}; accepted, it earns its XP. */
@Path("sync/events/{eventId}/review")
@ApplicationScoped
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDoc.SYNC)
@SecurityRequirement(name = ApiDoc.BEARER)
public class SyncReviewResource {

    @EJB
    SyncOversight oversight;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A teacher's decision on an offline event held for review: accept or reject")
    @RequestBody(required = true, description = "The decision (docs/sync.md)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The event as decided", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "The event was decided already")
    public JsonObject review(@PathParam("eventId") UUID eventId, InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                             @Context SecurityContext security) {
        JsonObject json = SyncBodies.read(body, encoding, 4096).json();
        SyncEvent.Review decision;
        try {
            decision = SyncEvent.Review.valueOf(((JsonString) json.get("decision")).getString());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("decision must be ACCEPTED or DISMISSED");
        }
        SyncOversight.Reviewed reviewed = oversight.review(UUID.fromString(security.getUserPrincipal().getName()), eventId, decision);
        return Json.createObjectBuilder().add("eventId", reviewed.event().id().toString())
                .add("review", reviewed.event().review().map(Enum::name).orElse(decision.name()))
                .add("xpEarned", reviewed.xpEarned()).build();
    }
}
