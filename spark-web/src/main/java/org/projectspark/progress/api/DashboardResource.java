package org.projectspark.progress.api;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.platform.http.CurrentRequest;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.http.HeldAnswers;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;
import org.projectspark.platform.security.Caller;
import org.projectspark.progress.service.DashboardQueries;
import org.projectspark.progress.service.ProgressRecorded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The signed-in student's dashboard, cached for {@value #TTL_SECONDS} s (the guide's dashboard TTL) in
 * Redis and for {@value #LOCAL_TTL_MILLIS} ms on each instance, dropped as soon as the student's own data
 * changes (XP, badges, streak, profile, progress).
 */
@Path("me/dashboard")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("STUDENT")
@Tag(name = ApiDoc.PROGRESS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class DashboardResource {

    static final long TTL_SECONDS = 180;
    static final long LOCAL_TTL_MILLIS = 2_000;

    @Inject
    DashboardQueries dashboards;

    @Inject
    Redis redis;

    @Inject
    HeldAnswers held;

    @Inject
    InstanceCopies copies;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private JsonCache cache;

    @PostConstruct
    void init() {
        cache = new JsonCache(redis, "spark:dashboard:", TTL_SECONDS,
                copies.of("dashboards", Duration.ofMillis(LOCAL_TTL_MILLIS), 100_000, key -> key));
    }

    /**
     * Answers {@link DashboardView} as JSON. The JSON is its own shared key: a
     * held answer ({@link HeldAnswers}) is served while this instance's copy of the student's cached dashboard is still
     * this one, so a change to their own data (which drops it here at once) is seen on their next read.
     */
    @GET
    @Operation(operationId = "myDashboard", summary = "The signed-in student's dashboard: XP, level, streak, badges, courses in progress")
    @APIResponse(responseCode = "200", description = "The dashboard", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DashboardView.class)))
    public Response dashboard() {
        Caller caller = Caller.current();
        AtomicBoolean built = new AtomicBoolean();
        String json = cache.get(caller.id(), id -> {
            built.set(true);
            return build(id);
        });
        return held.answer(caller, CurrentRequest.get(), json, () -> cache.localCopy(caller.id()).orElse(null), b -> {
            b.set(built.get());
            return HeldAnswers.Answer.of(MediaType.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
        });
    }

    private String build(UUID studentId) {
        return jsonb.toJson(DashboardView.of(dashboards.of(studentId)));
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        cache.drop(changed.userId());
    }

    void standingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StandingChanged changed) {
        cache.drop(changed.studentId());
    }

    void progressRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProgressRecorded recorded) {
        cache.drop(recorded.studentId());
    }
}
