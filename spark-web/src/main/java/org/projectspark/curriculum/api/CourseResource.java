package org.projectspark.curriculum.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.service.AccountQueries;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.service.Author;
import org.projectspark.curriculum.service.CourseAuthoring;
import org.projectspark.curriculum.service.CourseCatalog;
import org.projectspark.platform.http.ApiPatterns;
import org.projectspark.platform.openapi.ApiDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Courses: students read published ones in their language; teachers and admins write them. Readers get
 * texts in their profile's locale (or {@code ?locale=}, or Accept-Language), falling back to the course's
 * default language; the answer says which locale it served, and never includes answer keys.
 */
@Path("courses")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.CURRICULUM)
@SecurityRequirement(name = ApiDoc.BEARER)
public class CourseResource {

    @Inject
    CourseCatalog catalog;

    @EJB
    CourseAuthoring authoring;

    @Inject
    AccountQueries accounts;

    /** Published courses; authors may ask for {@code ?drafts=true} to see theirs too. */
    @GET
    @Operation(operationId = "listCourses", summary = "Published courses, in the reader's language (authors: drafts too with drafts=true)")
    @APIResponse(responseCode = "200", description = "A page of courses",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CourseViews.Summary.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public List<CourseViews.Summary> list(@Context SecurityContext security, @Context HttpHeaders headers,
                                          @QueryParam("locale") @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale,
                                          @QueryParam("drafts") @DefaultValue("false") boolean drafts,
                                          @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        List<String> preferences = preferences(security, headers, locale);
        List<Course> courses = drafts && mayAuthor(security) ? catalog.all(offset, limit) : catalog.published(offset, limit);
        return courses.stream().map(c -> CourseViews.summary(c, c.localeFor(preferences))).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCourse", summary = "A course's tree in one locale, without answer keys; 304 for If-None-Match of the version held")
    @APIResponse(responseCode = "200", description = "The course; ETag names its version and locale, Content-Language the locale served",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CourseViews.CourseView.class)))
    @APIResponse(responseCode = "304", description = "The version the device holds is current")
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response course(@PathParam("id") UUID id, @Context SecurityContext security, @Context HttpHeaders headers,
                           @Context Request request,
                           @QueryParam("locale") @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale) {
        Course course = catalog.course(id, mayAuthor(security));
        String served = course.localeFor(preferences(security, headers, locale));
        // one version of the content in one language: a device that holds it gets 304 and keeps its copy
        EntityTag tag = new EntityTag(course.contentVersion() + "-" + served + "-" + course.status().name().charAt(0));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.header(HttpHeaders.CONTENT_LANGUAGE, served).header(HttpHeaders.VARY, "Accept-Language").build();
        }
        return Response.ok(CourseViews.course(course, served)).header(HttpHeaders.CONTENT_LANGUAGE, served)
                .header(HttpHeaders.VARY, "Accept-Language").tag(tag).build();
    }

    /** Everything the author wrote, every language and the answer keys. */
    @GET
    @Path("{id}/source")
    @RolesAllowed({"TEACHER", "ADMIN"})
    @Operation(summary = "Everything the author wrote: every language and the answer keys")
    @APIResponse(responseCode = "200", description = "The course's source", content = @Content(schema = @Schema(implementation = CourseViews.Source.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public CourseViews.Source source(@PathParam("id") UUID id, @Context SecurityContext security) {
        return CourseViews.source(authoring.editable(id, author(security)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"TEACHER", "ADMIN"})
    @Operation(operationId = "createCourse", summary = "Creates a draft course from its whole tree")
    @APIResponse(responseCode = "201", description = "The course's source; Location: the course",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CourseViews.Source.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public Response create(@NotNull(message = "a JSON body is required") @Valid CourseRequest body,
                           @Context SecurityContext security, @Context UriInfo uri) {
        Course course = authoring.create(CourseRequests.toContent(body), author(security));
        return Response.created(uri.getAbsolutePathBuilder().path(course.id().toString()).build())
                .entity(CourseViews.source(course)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"TEACHER", "ADMIN"})
    @Operation(summary = "Replaces a course's content (a published course gets a new contentVersion)")
    @APIResponse(responseCode = "200", description = "The course's source", content = @Content(schema = @Schema(implementation = CourseViews.Source.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public CourseViews.Source replace(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid CourseRequest body,
                                      @Context SecurityContext security) {
        return CourseViews.source(authoring.replace(id, CourseRequests.toContent(body), author(security)));
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed({"TEACHER", "ADMIN"})
    @Operation(operationId = "publishCourse", summary = "Publishes a course to students")
    @APIResponse(responseCode = "200", description = "The course's source", content = @Content(schema = @Schema(implementation = CourseViews.Source.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public CourseViews.Source publish(@PathParam("id") UUID id, @Context SecurityContext security) {
        return CourseViews.source(authoring.publish(id, author(security)));
    }

    @POST
    @Path("{id}/unpublish")
    @RolesAllowed({"TEACHER", "ADMIN"})
    @Operation(summary = "Withdraws a course from students")
    @APIResponse(responseCode = "200", description = "The course's source", content = @Content(schema = @Schema(implementation = CourseViews.Source.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public CourseViews.Source unpublish(@PathParam("id") UUID id, @Context SecurityContext security) {
        return CourseViews.source(authoring.unpublish(id, author(security)));
    }

    private static boolean mayAuthor(SecurityContext security) {
        return security.isUserInRole("TEACHER") || security.isUserInRole("ADMIN");
    }

    private static Author author(SecurityContext security) {
        return new Author(UUID.fromString(security.getUserPrincipal().getName()), security.isUserInRole("ADMIN"));
    }

    /** ?locale=, then the reader's profile locale, then Accept-Language in order of preference. */
    private List<String> preferences(SecurityContext security, HttpHeaders headers, String explicit) {
        List<String> preferences = new ArrayList<>();
        if (explicit != null) {
            preferences.add(explicit);
        }
        preferences.add(accounts.show(UUID.fromString(security.getUserPrincipal().getName())).profile().locale());
        for (Locale l : headers.getAcceptableLanguages()) {
            if (!"*".equals(l.toString())) {
                preferences.add(l.toLanguageTag());
            }
        }
        return preferences;
    }
}
