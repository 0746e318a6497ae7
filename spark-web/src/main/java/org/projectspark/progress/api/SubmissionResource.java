package org.projectspark.progress.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;
import org.projectspark.progress.service.SubmissionResult;
import org.projectspark.progress.service.SubmissionService;

import java.util.HashSet;
import java.util.UUID;

/** Students submit quiz answers; the server grades them. */
@Path("activities/{activityId}/submissions")
@ApplicationScoped
@Tag(name = ApiDoc.PROGRESS)
public class SubmissionResource {

    @EJB
    SubmissionService submissions;

    /** 201 with the graded result; 200 with the first result when this attempt was already submitted. */
    @POST
    @RolesAllowed("STUDENT")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Submits quiz answers; the server grades them")
    @APIResponse(responseCode = "201", description = "The graded result", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "200", description = "This attempt was submitted before: its first result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response submit(@PathParam("activityId") UUID activityId,
                           @NotNull(message = "a JSON body is required") @Valid SubmissionRequest body) {
        UUID student = Caller.current().id();
        SubmissionResult result = submissions.submit(student, activityId, body.clientSubmissionId(),
                body.answers().stream().map(a -> new Answer(a.questionId(), a.options() == null ? null : new HashSet<>(a.options()),
                        a.value(), a.number(), a.text())).toList());
        return Response.status(result.replayed() ? 200 : 201).entity(SubmissionView.of(result)).build();
    }
}
