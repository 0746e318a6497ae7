package org.projectspark.account.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.BearerTokenMechanism;

import java.util.UUID;

/** The signed-in user's own account. Application-scoped: the hottest resource creates nothing per request. */
@Path("users/me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.ACCOUNTS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class MeResource {

    @EJB
    AccountService accounts;

    @Inject
    UserViews views;

    /** Answers {@link UserView} as JSON. */
    @GET
    @Operation(summary = "The signed-in user's account")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserView.class)))
    public String me(@Context SecurityContext security) {
        return views.json(callerId(security));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "changeMe", summary = "Changes the signed-in user's profile, email or password (merge patch)")
    @APIResponse(responseCode = "200", description = "The user as changed", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "The email is taken")
    public UserView change(@Context SecurityContext security, @Context HttpServletRequest request,
                           @NotNull(message = "a JSON body is required") @Valid UpdateMeRequest body) {
        UUID session = (UUID) request.getAttribute(BearerTokenMechanism.SESSION_ATTRIBUTE);
        return UserView.of(accounts.changeOwnAccount(callerId(security), session, body.toChanges()));
    }

    private static UUID callerId(SecurityContext security) {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
