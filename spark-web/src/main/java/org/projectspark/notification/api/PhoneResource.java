package org.projectspark.notification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.notification.domain.PhoneNumber;
import org.projectspark.notification.service.Phones;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

/**
 * The signed-in guardian's or teacher's phone number for SMS: set it (a code is sent to it by SMS), confirm the code,
 * read or remove it. SMS goes only to a confirmed number that has not sent STOP.
 */
@Path("me/phone")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"TEACHER", "GUARDIAN"})
@Tag(name = ApiDoc.NOTIFICATIONS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class PhoneResource {

    @EJB
    Phones phones;

    public record NewNumber(@NotBlank @Size(max = 32) String phoneNumber) {
    }

    public record Code(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits sent by SMS") String code) {
    }

    @GET
    @Operation(operationId = "phone", summary = "The signed-in user's phone number for SMS")
    @APIResponse(responseCode = "200", description = "The number", content = @Content(schema = @Schema(implementation = Phones.PhoneView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Phones.PhoneView get() {
        return phones.view(Caller.current().id()).orElseThrow(() -> new NotFoundException("You have no phone number; PUT one"));
    }

    /** 202: the number is kept unconfirmed and a code is on its way to it (200 when it was confirmed already). */
    @PUT
    @Operation(summary = "Sets the phone number for SMS: a code is sent to it")
    @APIResponse(responseCode = "202", description = "Kept unconfirmed; a code is on its way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Phones.PhoneView.class)))
    @APIResponse(responseCode = "200", description = "The number was confirmed already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Phones.PhoneView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public Response set(@NotNull(message = "a JSON body is required") @Valid NewNumber body) {
        PhoneNumber number;
        try {
            number = PhoneNumber.parse(body.phoneNumber());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("phoneNumber must be " + e.getMessage());
        }
        Phones.PhoneView view = phones.set(Caller.current().id(), number);
        return Response.status(view.verified() && !view.optedOut() ? 200 : 202).entity(view).build();
    }

    @POST
    @Path("confirm")
    @Operation(summary = "Confirms the phone number with the code sent by SMS")
    @APIResponse(responseCode = "200", description = "The confirmed number", content = @Content(schema = @Schema(implementation = Phones.PhoneView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Phones.PhoneView confirm(@NotNull(message = "a JSON body is required") @Valid Code body) {
        return phones.confirm(Caller.current().id(), body.code()).orElseThrow(() ->
                new InvalidRequestException("That is not the code sent to the number (" + phones.triesLeft(Caller.current().id()) + " tries left)"));
    }

    @DELETE
    @Operation(summary = "Removes the phone number")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove() {
        phones.remove(Caller.current().id());
        return Response.noContent().build();
    }
}
