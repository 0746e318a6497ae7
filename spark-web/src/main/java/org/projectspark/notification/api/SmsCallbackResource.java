package org.projectspark.notification.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.notification.domain.PhoneNumber;
import org.projectspark.notification.domain.StopWords;
import org.projectspark.notification.service.DeliverySettings;
import org.projectspark.notification.service.Phones;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.openapi.ApiDoc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Africa's Talking's callbacks, as it posts them (form-encoded): incoming messages ({@code from}, {@code text},
 * {@code to}, {@code date}, {@code id}, {@code linkId}) and bulk SMS opt-outs ({@code senderId}, {@code phoneNumber}).
 * A STOP (or the provider's own opt-out) marks the number opted out for every account that gave it. The provider
 * does not sign its callbacks, so their URLs hold a secret (SMS_CALLBACK_KEY); a wrong or absent one is a 404.
 * Any other incoming text is acknowledged and ignored: the provider must not retry it. The form is read as a whole
 * (not by {@code @FormParam}, which fails on a body of another type instead of letting it be refused with 415).
 */
@Path("sms/callbacks/{key}")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = ApiDoc.NOTIFICATIONS)
public class SmsCallbackResource {

    @Inject
    DeliverySettings settings;

    @EJB
    Phones phones;

    @POST
    @Path("incoming")
    @Operation(summary = "The SMS provider's callback for an incoming message (STOP opts the number out)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "Acknowledged")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND, description = "A wrong callback key")
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public Response incoming(@PathParam("key") String key, MultivaluedMap<String, String> form) {
        check(key);
        if (StopWords.asksToStop(form.getFirst("text"))) {
            optOut(form.getFirst("from"));
        }
        return Response.ok().build();
    }

    @POST
    @Path("opt-out")
    @Operation(summary = "The SMS provider's callback for a bulk SMS opt-out")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "Acknowledged")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND, description = "A wrong callback key")
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public Response optOut(@PathParam("key") String key, MultivaluedMap<String, String> form) {
        check(key);
        optOut(form.getFirst("phoneNumber"));
        return Response.ok().build();
    }

    private void optOut(String number) {
        try {
            phones.optOut(PhoneNumber.parse(number));
        } catch (IllegalArgumentException e) {
            // a sender id or a malformed number: no account can have it
        }
    }

    private void check(String key) {
        boolean right = settings.callbackKey().filter(k -> key != null
                && MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))).isPresent();
        if (!right) {
            throw new NotFoundException("No such callback");
        }
    }
}
