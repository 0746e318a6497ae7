package org.projectspark.gamification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.gamification.service.XpCorrection;
import org.projectspark.gamification.service.XpRecompute;
import org.projectspark.platform.openapi.ApiDoc;

import java.util.List;

/**
 * {@code POST /admin/xp/recompute}: after the XP rules changed, recompute every student's XP from their
 * record. A dry run by default (it lists who gains or loses what); {@code ?dryRun=false} applies it.
 */
@Path("admin/xp/recompute")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@Tag(name = ApiDoc.ADMINISTRATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class XpRecomputeResource {

    @EJB
    XpRecompute recompute;

    @Schema(name = "XpRecomputeReport")
    public record Report(String runId, boolean dryRun, long studentsChecked, long studentsChanged, long xpDelta,
                         List<Correction> corrections) {
    }

    public record Correction(String studentId, String username, String displayName, long xpBefore, long xpAfter, long delta,
                             int levelBefore, int levelAfter) {
        static Correction of(XpCorrection c) {
            return new Correction(c.studentId().toString(), c.username(), c.displayName(), c.xpBefore(), c.xpAfter(), c.delta(),
                    c.levelBefore(), c.levelAfter());
        }
    }

    @POST
    @Operation(operationId = "recomputeXp", summary = "Recomputes every student's XP from their record: a dry run unless dryRun=false")
    @APIResponse(responseCode = "200", description = "Who gains or loses what", content = @Content(schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public Report run(@QueryParam("dryRun") @DefaultValue("true") boolean dryRun) {
        XpRecompute.Report r = recompute.run(dryRun);
        return new Report(r.runId().toString(), r.dryRun(), r.studentsChecked(), r.corrections().size(),
                r.corrections().stream().mapToLong(XpCorrection::delta).sum(), r.corrections().stream().map(Correction::of).toList());
    }
}
