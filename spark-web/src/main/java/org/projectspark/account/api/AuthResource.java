package org.projectspark.account.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.service.AccountService;
import org.projectspark.account.service.AuthService;
import org.projectspark.account.service.ClientInfo;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.BearerTokenMechanism;
import org.projectspark.platform.security.ClientAddresses;

import java.util.UUID;

/** Registration, sign-in, token refresh and sign-out. */
@Path("auth")
@Tag(name = ApiDoc.ACCOUNTS)
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @EJB
    AccountService accounts;

    @EJB
    AuthService auth;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @POST
    @Path("register")
    @PermitAll
    @Operation(summary = "Creates a student account")
    @APIResponse(responseCode = "201", description = "The new user; Location: /api/v1/users/me",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "The username or email is taken")
    public Response register(@NotNull(message = "a JSON body is required") @Valid RegisterRequest body) {
        UserView user = UserView.of(accounts.register(body.toRegistration()));
        return Response.created(uri.getBaseUriBuilder().path("users/me").build()).entity(user).build();
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Signs in with a username (or email) and password")
    @APIResponse(responseCode = "200", description = "An access token, a refresh token and the user",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED, description = "Wrong username or password")
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN, description = "The account is disabled")
    public TokenResponse login(@NotNull(message = "a JSON body is required") @Valid LoginRequest body) {
        ClientInfo client = new ClientInfo(addresses.of(request), request.getHeader("User-Agent"));
        return TokenResponse.of(auth.login(body.username(), body.password().toCharArray(), client));
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Operation(summary = "Exchanges a refresh token (once) for new tokens")
    @APIResponse(responseCode = "200", description = "New tokens, with a new refresh token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED, description = "Unknown, expired or already used refresh token")
    public TokenResponse refresh(@NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
        return TokenResponse.of(auth.refresh(body.refreshToken()));
    }

    /** Ends the session the access token belongs to; its refresh token and access tokens stop working. */
    @POST
    @Path("logout")
    @RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Signs out: ends the session of the access token")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout() {
        auth.logout((UUID) request.getAttribute(BearerTokenMechanism.SESSION_ATTRIBUTE));
        return Response.noContent().build();
    }
}
