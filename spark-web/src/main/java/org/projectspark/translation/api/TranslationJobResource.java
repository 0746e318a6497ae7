package org.projectspark.translation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.translation.service.TranslationReview;

import java.util.UUID;

/** A translation job, polled by the teacher who asked until it is DONE or FAILED. */
@Path("translation-jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "ADMIN"})
@Tag(name = ApiDoc.TRANSLATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class TranslationJobResource {

    @EJB
    TranslationReview review;

    @GET
    @Path("{id}")
    @Operation(summary = "A translation job: QUEUED, RUNNING, DONE or FAILED")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = TranslationViews.Job.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public TranslationViews.Job job(@PathParam("id") UUID id) {
        return TranslationViews.job(review.job(id, TranslationResource.author()));
    }
}
