package org.projectspark.progress.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.progress.service.ProgressResult;
import org.projectspark.progress.service.ProgressService;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How far a student got in an activity. {@code percent: 100} completes a reading, video or audio;
 * quizzes complete by a passing submission, assignments when a teacher grades them. Idempotent.
 */
@Path("activities/{activityId}/progress")
@ApplicationScoped
@Tag(name = ApiDoc.PROGRESS)
public class ProgressResource {

    @EJB
    ProgressService progress;

    /** Body of PUT: how far the student got, 0 to 100. */
    public record ProgressRequest(@NotNull @Min(0) @Max(100) Integer percent) {
    }

    @JsonbPropertyOrder({"activityId", "status", "percent", "bestScore", "attempts", "lastAccessed", "completedAt", "xpEarned", "xpTotal", "level", "badgesEarned"})
    public record ProgressView(String activityId, String status, int percent, BigDecimal bestScore, int attempts, OffsetDateTime lastAccessed,
                               OffsetDateTime completedAt, int xpEarned, long xpTotal, int level, List<String> badgesEarned) {
    }

    @PUT
    @RolesAllowed("STUDENT")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Records how far the student got in an activity (100 completes a reading, video or audio)")
    @APIResponse(responseCode = "200", description = "The progress", content = @Content(schema = @Schema(implementation = ProgressView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public ProgressView update(@PathParam("activityId") UUID activityId, @Context SecurityContext security,
                               @NotNull(message = "a JSON body is required") @Valid ProgressRequest body) {
        ProgressResult r = progress.record(UUID.fromString(security.getUserPrincipal().getName()), activityId, body.percent());
        return new ProgressView(r.activityId().toString(), r.status(), r.percent(), r.bestScore(), r.attempts(), r.lastAccessed(),
                r.completedAt(), r.xpEarned(), r.xpTotal(), r.level(), r.badgesEarned());
    }
}
