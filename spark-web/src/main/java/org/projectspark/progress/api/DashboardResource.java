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
import org.projectspark.account.service.AccountChanged;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;
import org.projectspark.progress.service.DashboardQueries;
import org.projectspark.progress.service.ProgressRecorded;
import org.projectspark.platform.web.Caller;

import java.util.UUID;

/**
 * The signed-in student's dashboard, cached for {@value #TTL_SECONDS} s (the guide's dashboard TTL) in
 * Redis and for {@value #LOCAL_TTL_MILLIS} ms on each instance, dropped as soon as the student's own data
 * changes (XP, badges, streak, profile, progress).
 */
@Path("me/dashboard")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("STUDENT")
public class DashboardResource {

    static final long TTL_SECONDS = 180;
    static final long LOCAL_TTL_MILLIS = 2_000;

    @Inject
    DashboardQueries dashboards;

    @Inject
    Redis redis;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private JsonCache cache;

    @PostConstruct
    void init() {
        cache = new JsonCache(redis, "spark:dashboard:", TTL_SECONDS, LOCAL_TTL_MILLIS);
    }

    /** Answers {@link org.projectspark.progress.service.StudentDashboard} as JSON. */
    @GET
    public String dashboard() {
        return cache.get(Caller.current().id(), id -> jsonb.toJson(dashboards.of(id)));
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        cache.drop(changed.userId());
    }

    void progressRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProgressRecorded recorded) {
        cache.drop(recorded.studentId());
    }
}
