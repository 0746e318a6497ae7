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
import org.projectspark.account.domain.Role;
import org.projectspark.account.service.AccountQueries;
import org.projectspark.account.service.AccountService;

import java.util.UUID;

/** Platform administration of accounts: looking users up and granting or taking away roles. */
@Path("admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AdminUserResource {

    @EJB
    AccountService accounts;

    @Inject
    AccountQueries queries;

    @GET
    public UserView findByUsername(@QueryParam("username") @NotBlank(message = "is required") String username) {
        return UserView.of(accounts.findByUsername(username));
    }

    @GET
    @Path("{id}")
    public UserView find(@PathParam("id") UUID id) {
        return UserView.of(queries.show(id));
    }

    @POST
    @Path("{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView grant(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid RoleRequest body) {
        return UserView.of(accounts.grantRole(id, body.role()));
    }

    @DELETE
    @Path("{id}/roles/{role}")
    public UserView revoke(@PathParam("id") UUID id, @PathParam("role") Role role) {
        return UserView.of(accounts.revokeRole(id, role));
    }
}
