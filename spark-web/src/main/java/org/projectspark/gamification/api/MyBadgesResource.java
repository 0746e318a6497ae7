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
import org.projectspark.gamification.service.BadgeQueries;

import java.util.List;
import java.util.UUID;

/** The badges the signed-in student holds. */
@Path("me/badges")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("STUDENT")
public class MyBadgesResource {

    @Inject
    BadgeQueries badges;

    /** A badge and when it was earned. */
    public record BadgeView(String badge, String earnedAt) {
    }

    @GET
    public List<BadgeView> badges(@Context SecurityContext security) {
        return badges.of(UUID.fromString(security.getUserPrincipal().getName())).stream()
                .map(b -> new BadgeView(b.badge().name(), b.earnedAt().toString())).toList();
    }
}
