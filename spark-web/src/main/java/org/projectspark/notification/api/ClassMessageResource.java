package org.projectspark.notification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
import org.projectspark.notification.service.TeacherMessages;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.util.Optional;
import java.util.UUID;

/** A teacher's message to a class they teach, or to one of its students, delivered as a notification. */
@Path("classes/{classId}/messages")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN"})
@Tag(name = ApiDoc.NOTIFICATIONS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ClassMessageResource {

    @EJB
    TeacherMessages messages;

    /**
     * {@code messageId}: the app's own id for this message, so that sending it again after a dropped answer does
     * not notify anyone twice (left out, the server makes one and every call is a new message).
     */
    public record NewMessage(@NotBlank @Size(max = 1000) String text, UUID studentId, UUID messageId) {
    }

    @POST
    @Operation(summary = "Sends a teacher's message to a class, or to one of its students (studentId), as a notification")
    @APIResponse(responseCode = "200", description = "How many it reached", content = @Content(schema = @Schema(implementation = TeacherMessages.Sent.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public TeacherMessages.Sent send(@PathParam("classId") UUID classId,
                                     @NotNull(message = "a JSON body is required") @Valid NewMessage body) {
        return messages.send(Caller.current().id(), classId, Optional.ofNullable(body.studentId()),
                Optional.ofNullable(body.messageId()).orElseGet(UUID::randomUUID), body.text().strip());
    }
}
