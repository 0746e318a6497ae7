package org.projectspark.maintenance.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.projectspark.maintenance.service.Cadence;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.MaintenanceRun;
import org.projectspark.maintenance.service.MaintenanceRunner;
import org.projectspark.maintenance.service.MaintenanceRuns;
import org.projectspark.maintenance.service.MaintenanceSchedule;
import org.projectspark.maintenance.service.MaintenanceSettings;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.openapi.ApiDoc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The maintenance jobs for admins: {@code GET /admin/maintenance} lists each job's schedule, last run and next
 * firing on this instance; {@code POST /admin/maintenance/{job}/run} runs one job now and answers its record;
 * {@code POST /admin/maintenance/schedules/{daily|monthly}/run} runs a cadence's slot as the timer does
 * (claiming it, so it is also how the once-per-cluster rule is tried out).
 */
@Path("admin/maintenance")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@Tag(name = ApiDoc.ADMINISTRATION)
@SecurityRequirement(name = ApiDoc.BEARER)
public class MaintenanceResource {

    @EJB
    MaintenanceRunner runner;

    @EJB
    MaintenanceRuns runs;

    @Inject
    MaintenanceSchedule schedule;

    @Inject
    MaintenanceSettings settings;

    @GET
    @Operation(operationId = "listMaintenanceJobs", summary = "The maintenance jobs: schedule, last run and next firing on this instance")
    @APIResponse(responseCode = "200", description = "The jobs", content = @Content(schema = @Schema(implementation = MaintenanceViews.Listing.class)))
    public MaintenanceViews.Listing list() {
        Map<MaintenanceJob, MaintenanceRun> all = runs.all();
        return new MaintenanceViews.Listing(settings.zone().getId(), all.entrySet().stream()
                .map(e -> view(e.getKey(), e.getValue())).toList());
    }

    @POST
    @Path("{job}/run")
    @Operation(operationId = "runMaintenanceJob", summary = "Runs one maintenance job now")
    @APIResponse(responseCode = "200", description = "The job's record", content = @Content(schema = @Schema(implementation = MaintenanceViews.Job.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public MaintenanceViews.Job run(@PathParam("job") String job) {
        MaintenanceRun run = runner.runNow(job);
        return view(MaintenanceJob.named(job).orElseThrow(), run);
    }

    @POST
    @Path("schedules/{cadence}/run")
    @Operation(summary = "Runs a cadence's slot (daily or monthly) as the timer does, claiming it")
    @APIResponse(responseCode = "200", description = "Each job of the slot and whether this call claimed it",
            content = @Content(schema = @Schema(implementation = MaintenanceViews.Slot.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public MaintenanceViews.Slot runSlot(@PathParam("cadence") String label, @QueryParam("slot") String slotParam) {
        Cadence cadence = Cadence.fromLabel(label)
                .orElseThrow(() -> new NotFoundException("There is no maintenance schedule named '" + label + "' (daily, monthly)"));
        Instant slot = slotParam == null || slotParam.isBlank() ? settings.calendar(cadence).slotAt(Instant.now()) : parseSlot(slotParam);
        List<MaintenanceViews.SlotJob> jobs = runner.runSlot(cadence, slot).stream()
                .map(r -> new MaintenanceViews.SlotJob(r.job().jobName(), r.claimed(), r.run().map(run -> view(r.job(), run)).orElse(null)))
                .toList();
        return new MaintenanceViews.Slot(cadence.label(), slot.toString(), jobs);
    }

    /** A slot in the future would stop the timers from claiming every slot until then: refused. */
    private static Instant parseSlot(String value) {
        Instant slot;
        try {
            slot = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("slot must be an instant such as 2026-11-01T02:00:00Z (got '" + value + "')");
        }
        if (slot.isAfter(Instant.now().plus(1, ChronoUnit.SECONDS))) {
            throw new InvalidRequestException("slot must not be in the future");
        }
        return slot;
    }

    private MaintenanceViews.Job view(MaintenanceJob job, MaintenanceRun run) {
        return MaintenanceViews.Job.of(job, settings.calendar(job.cadence()).describe(), run, schedule.nextRun(job.cadence()).orElse(null));
    }
}
