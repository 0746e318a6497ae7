package org.projectspark.progress.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;
import org.projectspark.progress.service.HandinResult;
import org.projectspark.progress.service.HandinService;
import org.projectspark.progress.service.ProgressResult;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Students hand in a file they uploaded for an assignment; a teacher grades it later. The same use case as an offline
 * {@code ASSIGNMENT_FILE} event, answered in the same shape.
 */
@Path("activities/{activityId}/handins")
@ApplicationScoped
@Tag(name = ApiDoc.PROGRESS)
public class HandinResource {

    @EJB
    HandinService handins;

    /** Body of POST: the id of the student's uploaded file (or of their completed resumable upload). */
    public record HandinRequest(@NotNull(message = "fileId is required: the id the server gave the upload") UUID fileId) {
    }

    @JsonbPropertyOrder({"activityId", "status", "percent", "bestScore", "attempts", "lastAccessed", "completedAt", "xpEarned", "xpTotal",
            "level", "badgesEarned", "handinId", "fileId", "fileName", "sizeBytes", "handedInAt", "replayed"})
    public record HandinView(String activityId, String status, int percent, BigDecimal bestScore, int attempts, OffsetDateTime lastAccessed,
                             OffsetDateTime completedAt, int xpEarned, long xpTotal, int level, List<String> badgesEarned,
                             String handinId, String fileId, String fileName, Long sizeBytes, OffsetDateTime handedInAt, boolean replayed) {

        static HandinView of(HandinResult h) {
            ProgressResult r = h.progress();
            return new HandinView(r.activityId().toString(), r.status(), r.percent(), r.bestScore(), r.attempts(), r.lastAccessed(),
                    r.completedAt(), r.xpEarned(), r.xpTotal(), r.level(), r.badgesEarned(), h.handin().id().toString(),
                    h.handin().fileId().map(UUID::toString).orElse(null), h.handin().fileName(), h.handin().sizeBytes(),
                    h.handin().handedInAt(), h.replayed());
        }
    }

    /** 201 with the hand-in and the progress after it; 200 with the first hand-in when this file was handed in for it before. */
    @POST
    @RolesAllowed("STUDENT")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Hands in an uploaded file for an assignment")
    @APIResponse(responseCode = "201", description = "The hand-in and the progress after it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HandinView.class)))
    @APIResponse(responseCode = "200", description = "This file was handed in for it before: the first hand-in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HandinView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response handIn(@PathParam("activityId") UUID activityId, @NotNull(message = "a JSON body is required") @Valid HandinRequest body) {
        HandinResult result = handins.handIn(Caller.current().id(), activityId, body.fileId());
        return Response.status(result.replayed() ? 200 : 201).entity(HandinView.of(result)).build();
    }
}
