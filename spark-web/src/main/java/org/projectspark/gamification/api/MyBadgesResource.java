package org.projectspark.gamification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.projectspark.gamification.service.BadgeQueries;
import org.projectspark.platform.openapi.ApiDoc;

import java.util.List;
import java.util.UUID;

/** The badges the signed-in student holds. */
@Path("me/badges")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("STUDENT")
@Tag(name = ApiDoc.GAMIFICATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class MyBadgesResource {

    @Inject
    BadgeQueries badges;

    /** A badge and when it was earned. */
    @Schema(name = "EarnedBadge")
    public record BadgeView(String badge, String earnedAt) {
    }

    @GET
    @Operation(summary = "The badges the signed-in student holds")
    @APIResponse(responseCode = "200", description = "The badges", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BadgeView.class)))
    public List<BadgeView> badges(@Context SecurityContext security) {
        return badges.of(UUID.fromString(security.getUserPrincipal().getName())).stream()
                .map(b -> new BadgeView(b.badge().name(), b.earnedAt().toString())).toList();
    }
}
