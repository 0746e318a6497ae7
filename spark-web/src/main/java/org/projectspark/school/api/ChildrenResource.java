package org.projectspark.school.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.domain.User;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.school.service.Guardians;

import java.util.List;
import java.util.UUID;

/** {@code GET /me/children}: the signed-in guardian's children; each one's details are in their report. */
@Path("me/children")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("GUARDIAN")
@Tag(name = ApiDoc.SCHOOLS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ChildrenResource {

    @EJB
    Guardians guardians;

    public record Child(String id, String displayName, String schoolId, long xp, int level) {
        static Child of(User u) {
            return new Child(u.id().toString(), u.profile().displayName(), u.profile().schoolId().map(UUID::toString).orElse(null),
                    u.profile().xpPoints(), u.profile().level());
        }
    }

    @GET
    @Operation(summary = "The signed-in guardian's children")
    @APIResponse(responseCode = "200", description = "The children", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Child.class)))
    public List<Child> children(@Context SecurityContext security) {
        return guardians.childrenOf(SchoolResource.caller(security)).stream().map(Child::of).toList();
    }
}
