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
import org.projectspark.account.service.AccountService;
import org.projectspark.platform.security.BearerTokenMechanism;

import java.util.UUID;

/** The signed-in user's own account. Application-scoped: the hottest resource creates nothing per request. */
@Path("users/me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class MeResource {

    @EJB
    AccountService accounts;

    @Inject
    UserViews views;

    /** Answers {@link UserView} as JSON. */
    @GET
    public String me(@Context SecurityContext security) {
        return views.json(callerId(security));
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView change(@Context SecurityContext security, @Context HttpServletRequest request,
                           @NotNull(message = "a JSON body is required") @Valid UpdateMeRequest body) {
        UUID session = (UUID) request.getAttribute(BearerTokenMechanism.SESSION_ATTRIBUTE);
        return UserView.of(accounts.changeOwnAccount(callerId(security), session, body.toChanges()));
    }

    private static UUID callerId(SecurityContext security) {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
