package org.projectspark.account.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
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
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.web.BearerTokenMechanism;

import java.util.UUID;

/** The signed-in user's own account. */
@Path("users/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class MeResource {

    @Inject
    AccountService accounts;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @GET
    public UserView me() {
        return UserView.of(accounts.find(callerId()));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView change(@NotNull(message = "a JSON body is required") @Valid UpdateMeRequest body) {
        UUID session = (UUID) request.getAttribute(BearerTokenMechanism.SESSION_ATTRIBUTE);
        return UserView.of(accounts.changeOwnAccount(callerId(), session, body.toChanges()));
    }

    private UUID callerId() {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
