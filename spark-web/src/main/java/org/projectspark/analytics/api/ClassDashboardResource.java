package org.projectspark.analytics.api;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
import org.projectspark.platform.http.CurrentRequest;
import org.projectspark.platform.http.HeldAnswers;
import org.projectspark.platform.redis.Redis;
import org.projectspark.platform.security.Caller;

import java.util.UUID;

/** {@code GET /classes/{id}/dashboard}: the teacher's view of a class ({@link org.projectspark.analytics.service.ClassDashboard}). */
@Path("classes/{id}/dashboard")
@ApplicationScoped
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
public class ClassDashboardResource {

    @Inject
    Analytics analytics;

    @Inject
    Redis redis;

    @Inject
    HeldAnswers held;

    private CachedAnswers cache;

    @PostConstruct
    void init() {
        cache = new CachedAnswers(redis, held, "dashboard", CachedAnswers.DASHBOARD_TTL_SECONDS);
    }

    @GET
    public Response dashboard(@PathParam("id") UUID id) {
        Caller caller = Caller.current();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller.id(), id);
        return cache.json(caller, CurrentRequest.get(), seen.key(), () -> analytics.classFor(caller.id(), id).key(), () -> analytics.dashboard(seen));
    }
}
