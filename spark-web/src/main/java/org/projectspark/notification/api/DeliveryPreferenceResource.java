package org.projectspark.notification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.notification.service.DeliveryPreferences;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.util.List;

/**
 * Which kinds of notification also come by email or SMS, for the signed-in user; the answer also says whether each
 * channel is on here and usable for them, and why not.
 */
@Path("me/notification-preferences")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.NOTIFICATIONS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class DeliveryPreferenceResource {

    @EJB
    DeliveryPreferences preferences;

    /** One kind's choice; a channel left out stays as it is. */
    public record KindChange(@NotNull NotificationKind kind, Boolean email, Boolean sms) {
    }

    @Schema(name = "DeliveryPreferenceChanges")
    public record Changes(@NotNull @Size(min = 1, max = 32) List<@NotNull @Valid KindChange> kinds) {
    }

    @GET
    @Operation(operationId = "deliveryPreferences", summary = "Which kinds of notification also come by email or SMS, and whether each channel is usable")
    @APIResponse(responseCode = "200", description = "The preferences", content = @Content(schema = @Schema(implementation = DeliveryPreferences.View.class)))
    public DeliveryPreferences.View get() {
        return preferences.of(Caller.current().id());
    }

    @PUT
    @Operation(operationId = "changeDeliveryPreferences", summary = "Changes the channels of some kinds of notification")
    @APIResponse(responseCode = "200", description = "The preferences", content = @Content(schema = @Schema(implementation = DeliveryPreferences.View.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public DeliveryPreferences.View change(@NotNull(message = "a JSON body is required") @Valid Changes body) {
        return preferences.change(Caller.current().id(),
                body.kinds().stream().map(k -> new DeliveryPreferences.Change(k.kind(), k.email(), k.sms())).toList());
    }
}
