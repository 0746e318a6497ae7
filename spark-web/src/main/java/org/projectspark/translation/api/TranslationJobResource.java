package org.projectspark.translation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.projectspark.translation.service.TranslationReview;

import java.util.UUID;

/** A translation job, polled by the teacher who asked until it is DONE or FAILED. */
@Path("translation-jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "ADMIN"})
public class TranslationJobResource {

    @EJB
    TranslationReview review;

    @GET
    @Path("{id}")
    public TranslationViews.Job job(@PathParam("id") UUID id) {
        return TranslationViews.job(review.job(id, TranslationResource.author()));
    }
}
