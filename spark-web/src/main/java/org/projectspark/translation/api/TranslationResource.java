package org.projectspark.translation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.curriculum.service.Author;
import org.projectspark.platform.http.ApiPatterns;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;
import org.projectspark.translation.domain.TextStatus;
import org.projectspark.translation.domain.TranslationJob;
import org.projectspark.translation.service.TranslationRequests;
import org.projectspark.translation.service.TranslationReview;

import java.util.Optional;
import java.util.UUID;

/**
 * Machine translation of a course with review: the course's author (or an admin) asks for a translation into a
 * locale (202 and a job to poll), reads and edits the drafts, and publishes them into the course. Students never
 * reach any of it: drafts are not the course until they are published.
 */
@Path("courses/{courseId}/translations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "ADMIN"})
@Tag(name = ApiDoc.TRANSLATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class TranslationResource {

    @EJB
    TranslationRequests requests;

    @EJB
    TranslationReview review;

    /** {@code lessonId}: one lesson of the course; left out, the whole course. */
    public record NewTranslation(@NotNull @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale,
                                 UUID lessonId) {
    }

    public record Edit(@NotBlank @Size(max = 20000) String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestTranslation", summary = "Asks for a machine translation of the course, or of one lesson, into a locale")
    @APIResponse(responseCode = "202", description = "The job; Location: the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TranslationViews.Job.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE, description = "Machine translation is not configured on this server")
    public Response request(@PathParam("courseId") UUID courseId, @NotNull(message = "a JSON body is required") @Valid NewTranslation body,
                            @Context UriInfo uri) {
        TranslationJob job = requests.request(courseId, body.locale(), Optional.ofNullable(body.lessonId()), author());
        return Response.accepted(TranslationViews.job(job))
                .location(uri.getBaseUriBuilder().path("translation-jobs").path(job.id().toString()).build()).build();
    }

    @GET
    @Path("{locale}")
    @Operation(summary = "The course's texts in a locale, a page at a time, optionally of one status")
    @APIResponse(responseCode = "200", description = "A page of texts", content = @Content(schema = @Schema(implementation = TranslationViews.Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public TranslationViews.Page texts(@PathParam("courseId") UUID courseId,
                                       @PathParam("locale") @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale,
                                       @QueryParam("status") TextStatus status,
                                       @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(200) int limit) {
        return new TranslationViews.Page(review.texts(courseId, locale, Optional.ofNullable(status), offset, limit, author())
                .stream().map(TranslationViews::text).toList(), offset, limit);
    }

    @PUT
    @Path("{locale}/texts/{textId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The teacher's wording of one text: a draft, marked edited")
    @APIResponse(responseCode = "200", description = "The text", content = @Content(schema = @Schema(implementation = TranslationViews.Text.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "The text is still pending")
    public TranslationViews.Text edit(@PathParam("courseId") UUID courseId,
                                      @PathParam("locale") @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale,
                                      @PathParam("textId") UUID textId,
                                      @NotNull(message = "a JSON body is required") @Valid Edit body) {
        return TranslationViews.text(review.edit(courseId, locale, textId, body.text(), author()));
    }

    @POST
    @Path("{locale}/publish")
    @Operation(operationId = "publishTranslations", summary = "Puts every draft whose source is unchanged into the course")
    @APIResponse(responseCode = "200", description = "How many texts, and the course's content version",
            content = @Content(schema = @Schema(implementation = TranslationViews.Published.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public TranslationViews.Published publish(@PathParam("courseId") UUID courseId,
                                              @PathParam("locale") @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale) {
        return TranslationViews.published(review.publish(courseId, locale, author()));
    }

    static Author author() {
        Caller caller = Caller.current();
        return new Author(caller.id(), caller.is("ADMIN"));
    }
}
