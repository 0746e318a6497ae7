package org.projectspark.assignment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
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
import org.projectspark.assignment.domain.Grade;
import org.projectspark.assignment.service.Grading;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A teacher's grade of a hand-in: given, or replaced by a regrade. Idempotent: the same grade again changes nothing. */
@Path("handins/{handinId}/grade")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
@Tag(name = ApiDoc.ASSIGNMENTS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class GradeResource {

    @EJB
    Grading grading;

    /** Body of PUT: a score from 0 to 100, and feedback (optional; line breaks and tabs are its only control characters). */
    public record GradeRequest(@NotNull @Min(0) @Max(Grade.MAX_SCORE) Integer score,
                               @Size(max = Grade.MAX_FEEDBACK)
                               @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
                                       message = "must not hold control characters other than line breaks and tabs") String feedback) {
    }

    @JsonbPropertyOrder({"handinId", "studentId", "activityId", "score", "feedback", "gradedBy", "firstGradedAt", "gradedAt", "revision",
            "changed", "xpChange", "xpTotal", "level", "progressStatus"})
    public record GradedView(String handinId, String studentId, String activityId, int score, String feedback, String gradedBy,
                             OffsetDateTime firstGradedAt, OffsetDateTime gradedAt, int revision, boolean changed, int xpChange,
                             long xpTotal, int level, String progressStatus) {
    }

    @PUT
    @Operation(summary = "Grades a hand-in, or regrades it (the same grade again changes nothing)")
    @APIResponse(responseCode = "200", description = "The grade and the student's XP after it", content = @Content(schema = @Schema(implementation = GradedView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public GradedView grade(@PathParam("handinId") UUID handInId, @NotNull(message = "a JSON body is required") @Valid GradeRequest body) {
        Optional<String> feedback = Optional.ofNullable(body.feedback()).map(String::strip).filter(f -> !f.isEmpty());
        Grading.Graded g = grading.grade(Caller.current().id(), handInId, body.score(), feedback);
        Grade grade = g.grade();
        return new GradedView(grade.handInId().toString(), grade.studentId().toString(), grade.activityId().toString(), grade.score(),
                grade.feedback().orElse(null), grade.gradedBy().toString(), grade.firstGradedAt(), grade.gradedAt(), grade.revision(),
                g.changed(), g.xpChange(), g.xpTotal(), g.level(), g.progressStatus());
    }
}
