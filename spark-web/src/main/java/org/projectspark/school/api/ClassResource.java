package org.projectspark.school.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.AccessChecks;
import org.projectspark.school.service.CourseAssignments;
import org.projectspark.school.service.Enrolment;
import org.projectspark.school.service.RosterImport;
import org.projectspark.school.service.RosterOutcome;
import org.projectspark.school.service.Teaching;

import java.util.List;
import java.util.UUID;

/** Classes: their teachers enrol students; students join with the class's code. */
@Path("classes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.SCHOOLS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ClassResource {

    @EJB
    AccessChecks checks;

    @EJB
    Enrolment enrolment;

    @EJB
    Teaching teaching;

    @EJB
    CourseAssignments assignments;

    @EJB
    RosterImport rosters;

    @Inject
    Validator validator;

    @GET
    @Path("{id}")
    @Operation(summary = "A class (its join code for its teachers)")
    @APIResponse(responseCode = "200", description = "The class", content = @Content(schema = @Schema(implementation = SchoolViews.ClassView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public SchoolViews.ClassView schoolClass(@PathParam("id") UUID id, @Context SecurityContext security) {
        UUID caller = SchoolResource.caller(security);
        SchoolClass c = checks.classSeenBy(caller, id);
        return SchoolViews.ClassView.of(c, checks.accessOf(caller).teaches(c));
    }

    /** The classes the signed-in student is in. */
    @GET
    @Path("mine")
    @RolesAllowed("STUDENT")
    @Operation(summary = "The classes the signed-in student is in")
    @APIResponse(responseCode = "200", description = "The classes", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SchoolViews.ClassView.class)))
    public List<SchoolViews.ClassView> mine(@Context SecurityContext security) {
        return checks.classesOf(SchoolResource.caller(security)).stream().map(c -> SchoolViews.ClassView.of(c, false)).toList();
    }

    @POST
    @Path("join")
    @RolesAllowed("STUDENT")
    @Operation(summary = "Joins a class with its join code")
    @APIResponse(responseCode = "200", description = "The class", content = @Content(schema = @Schema(implementation = SchoolViews.ClassView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public SchoolViews.ClassView join(@NotNull(message = "a JSON body is required") @Valid SchoolRequests.JoinClass body,
                                      @Context SecurityContext security) {
        return SchoolViews.ClassView.of(enrolment.joinByCode(SchoolResource.caller(security), body.joinCode()), false);
    }

    @PUT
    @Path("{id}/students/{studentId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Enrols a student of the school in the class")
    @APIResponse(responseCode = "204", description = "Enrolled")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response enrol(@PathParam("id") UUID id, @PathParam("studentId") UUID studentId, @Context SecurityContext security) {
        enrolment.enrol(SchoolResource.caller(security), id, studentId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/students/{studentId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Takes a student out of the class")
    @APIResponse(responseCode = "204", description = "Taken out")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response unenrol(@PathParam("id") UUID id, @PathParam("studentId") UUID studentId, @Context SecurityContext security) {
        enrolment.unenrol(SchoolResource.caller(security), id, studentId);
        return Response.noContent().build();
    }

    /** The classes the signed-in teacher teaches (every class of the school for its admin). */
    @GET
    @Path("taught")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN"})
    @Operation(summary = "The classes the signed-in teacher teaches (every class of the school for its admin)")
    @APIResponse(responseCode = "200", description = "The classes", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SchoolViews.ClassView.class)))
    public List<SchoolViews.ClassView> taught(@Context SecurityContext security) {
        return teaching.classesTaughtBy(SchoolResource.caller(security)).stream().map(c -> SchoolViews.ClassView.of(c, true)).toList();
    }

    @PUT
    @Path("{id}/teachers/{teacherId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Adds a teacher to the class")
    @APIResponse(responseCode = "200", description = "The class", content = @Content(schema = @Schema(implementation = SchoolViews.ClassView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public SchoolViews.ClassView addTeacher(@PathParam("id") UUID id, @PathParam("teacherId") UUID teacherId, @Context SecurityContext security) {
        return SchoolViews.ClassView.of(teaching.addTeacher(SchoolResource.caller(security), id, teacherId), true);
    }

    @DELETE
    @Path("{id}/teachers/{teacherId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Removes a teacher from the class")
    @APIResponse(responseCode = "200", description = "The class", content = @Content(schema = @Schema(implementation = SchoolViews.ClassView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "The class's last teacher")
    public SchoolViews.ClassView removeTeacher(@PathParam("id") UUID id, @PathParam("teacherId") UUID teacherId, @Context SecurityContext security) {
        return SchoolViews.ClassView.of(teaching.removeTeacher(SchoolResource.caller(security), id, teacherId), true);
    }

    /** The class's courses and their due dates, for everyone in the class. */
    @GET
    @Path("{id}/courses")
    @Operation(summary = "The class's courses and their due dates")
    @APIResponse(responseCode = "200", description = "The courses",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SchoolViews.AssignmentView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public List<SchoolViews.AssignmentView> courses(@PathParam("id") UUID id, @Context SecurityContext security) {
        return assignments.ofClass(SchoolResource.caller(security), id).stream().map(SchoolViews.AssignmentView::of).toList();
    }

    /** Assigns a published course (or moves its due date); the body may be empty: no due date. */
    @PUT
    @Path("{id}/courses/{courseId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Assigns a published course to the class, or moves its due date (the body may be empty)")
    @APIResponse(responseCode = "200", description = "The assignment", content = @Content(schema = @Schema(implementation = SchoolViews.AssignmentView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public SchoolViews.AssignmentView assignCourse(@PathParam("id") UUID id, @PathParam("courseId") UUID courseId,
                                                   @Valid SchoolRequests.CourseAssignment body, @Context SecurityContext security) {
        return SchoolViews.AssignmentView.of(assignments.assign(SchoolResource.caller(security), id, courseId,
                body == null ? null : body.dueAt()));
    }

    @DELETE
    @Path("{id}/courses/{courseId}")
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Takes a course away from the class")
    @APIResponse(responseCode = "204", description = "Taken away")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response unassignCourse(@PathParam("id") UUID id, @PathParam("courseId") UUID courseId, @Context SecurityContext security) {
        assignments.unassign(SchoolResource.caller(security), id, courseId);
        return Response.noContent().build();
    }

    /**
     * Imports a roster (text/csv: username,display_name[,password][,locale]): creates the students who have no
     * account, enrols them and the school's existing students, and reports every line. The report holds the
     * passwords the server made, so it is never cached.
     */
    @POST
    @Path("{id}/roster")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
    @Operation(summary = "Imports a roster (CSV: username,display_name[,password][,locale]): creates and enrols students")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "A report of every line, with the passwords the server made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchoolViews.RosterReport.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public Response importRoster(@PathParam("id") UUID id, String csv, @Context SecurityContext security) {
        List<RosterOutcome> outcomes = rosters.importInto(SchoolResource.caller(security), id, RosterCsv.parse(csv, validator));
        return Response.ok(SchoolViews.RosterReport.of(outcomes)).header("Cache-Control", "no-store").build();
    }
}
