package org.projectspark.school.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.SchoolService;

import java.util.List;
import java.util.UUID;

/** Classes: their teachers enrol students; students join with the class's code. */
@Path("classes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class ClassResource {

    @Inject
    SchoolService schools;

    @GET
    @Path("{id}")
    public SchoolViews.ClassView schoolClass(@PathParam("id") UUID id, @Context SecurityContext security) {
        UUID caller = SchoolResource.caller(security);
        SchoolClass c = schools.schoolClass(caller, id);
        return SchoolViews.ClassView.of(c, schools.accessOf(caller).teaches(c));
    }

    /** The classes the signed-in student is in. */
    @GET
    @Path("mine")
    @RolesAllowed("STUDENT")
    public List<SchoolViews.ClassView> mine(@Context SecurityContext security) {
        return schools.classesOf(SchoolResource.caller(security)).stream().map(c -> SchoolViews.ClassView.of(c, false)).toList();
    }

    @POST
    @Path("join")
    @RolesAllowed("STUDENT")
    public SchoolViews.ClassView join(@NotNull(message = "a JSON body is required") @Valid SchoolRequests.JoinClass body,
                                      @Context SecurityContext security) {
        return SchoolViews.ClassView.of(schools.joinByCode(SchoolResource.caller(security), body.joinCode()), false);
    }

    @PUT
    @Path("{id}/students/{studentId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    public Response enrol(@PathParam("id") UUID id, @PathParam("studentId") UUID studentId, @Context SecurityContext security) {
        schools.enrol(SchoolResource.caller(security), id, studentId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/students/{studentId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    public Response unenrol(@PathParam("id") UUID id, @PathParam("studentId") UUID studentId, @Context SecurityContext security) {
        schools.unenrol(SchoolResource.caller(security), id, studentId);
        return Response.noContent().build();
    }
}
