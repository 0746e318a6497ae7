package org.projectspark.account.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.domain.Role;
import org.projectspark.account.service.AccountQueries;
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.openapi.ApiDoc;

import java.util.UUID;

/** Platform administration of accounts: looking users up and granting or taking away roles. */
@Path("admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@Tag(name = ApiDoc.ADMINISTRATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class AdminUserResource {

    @EJB
    AccountService accounts;

    @Inject
    AccountQueries queries;

    @GET
    @Operation(summary = "Finds a user by username")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public UserView findByUsername(@QueryParam("username") @NotBlank(message = "is required") String username) {
        return UserView.of(accounts.findByUsername(username));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Shows a user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public UserView find(@PathParam("id") UUID id) {
        return UserView.of(queries.show(id));
    }

    @POST
    @Path("{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grants a role to a user")
    @APIResponse(responseCode = "200", description = "The user with the role", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public UserView grant(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid RoleRequest body) {
        return UserView.of(accounts.grantRole(id, body.role()));
    }

    @DELETE
    @Path("{id}/roles/{role}")
    @Operation(summary = "Takes a role away from a user and ends the user's sessions")
    @APIResponse(responseCode = "200", description = "The user without the role", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "It is the user's last role")
    public UserView revoke(@PathParam("id") UUID id, @PathParam("role") Role role) {
        return UserView.of(accounts.revokeRole(id, role));
    }
}
