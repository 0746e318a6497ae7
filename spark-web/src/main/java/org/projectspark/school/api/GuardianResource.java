package org.projectspark.school.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.school.service.Guardians;

import java.util.UUID;

/** A student's guardians: the student's school admin (or an admin) links them. */
@Path("students/{studentId}/guardians/{guardianId}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDoc.SCHOOLS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class GuardianResource {

    @EJB
    Guardians guardians;

    @PUT
    @RolesAllowed({"SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Links a guardian to a student")
    @APIResponse(responseCode = "204", description = "Linked")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response link(@PathParam("studentId") UUID studentId, @PathParam("guardianId") UUID guardianId, @Context SecurityContext security) {
        guardians.link(SchoolResource.caller(security), studentId, guardianId);
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed({"SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Unlinks a guardian from a student")
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response unlink(@PathParam("studentId") UUID studentId, @PathParam("guardianId") UUID guardianId, @Context SecurityContext security) {
        guardians.unlink(SchoolResource.caller(security), studentId, guardianId);
        return Response.noContent().build();
    }
}
