package org.projectspark.school.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.AccessChecks;
import org.projectspark.school.service.SchoolMembership;
import org.projectspark.school.service.Teaching;

import java.util.UUID;

/** Schools: admins create them; a school's admin adds its members; its teachers and admins create classes. */
@Path("schools")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.SCHOOLS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class SchoolResource {

    @EJB
    SchoolMembership membership;

    @EJB
    Teaching teaching;

    @EJB
    AccessChecks checks;

    @POST
    @RolesAllowed("ADMIN")
    @Operation(operationId = "createSchool", summary = "Creates a school")
    @APIResponse(responseCode = "201", description = "The school; Location: the school",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchoolViews.SchoolView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public Response create(@NotNull(message = "a JSON body is required") @Valid SchoolRequests.NewSchool body, @Context UriInfo uri) {
        School school = membership.createSchool(body.name(), body.timeZone(), body.defaultLocale());
        return Response.created(uri.getAbsolutePathBuilder().path(school.id().toString()).build())
                .entity(SchoolViews.SchoolView.of(school)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A school")
    @APIResponse(responseCode = "200", description = "The school", content = @Content(schema = @Schema(implementation = SchoolViews.SchoolView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public SchoolViews.SchoolView school(@PathParam("id") UUID id, @Context SecurityContext security) {
        return SchoolViews.SchoolView.of(checks.schoolSeenBy(caller(security), id));
    }

    /** Adds a user to the school (moving them out of another); idempotent. */
    @PUT
    @Path("{id}/members/{userId}")
    @RolesAllowed({"SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Adds a user to the school (moving them out of another)")
    @APIResponse(responseCode = "204", description = "Added")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response addMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId, @Context SecurityContext security) {
        membership.addMember(caller(security), id, userId);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/classes")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Creates a class in the school")
    @APIResponse(responseCode = "201", description = "The class; Location: the class",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchoolViews.ClassView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response createClass(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid SchoolRequests.NewClass body,
                                @Context SecurityContext security, @Context UriInfo uri) {
        SchoolClass c = teaching.createClass(caller(security), id, body.name(), body.grade(), body.subject());
        return Response.created(uri.getBaseUriBuilder().path("classes").path(c.id().toString()).build())
                .entity(SchoolViews.ClassView.of(c, true)).build();
    }

    static UUID caller(SecurityContext security) {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
