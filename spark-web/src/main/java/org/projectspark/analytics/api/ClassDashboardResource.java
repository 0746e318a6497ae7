package org.projectspark.analytics.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.projectspark.analytics.service.Analytics;
import org.projectspark.analytics.service.ClassAnalytics;
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
    CachedAnswers cached;

    @GET
    public Response dashboard(@PathParam("id") UUID id) {
        UUID caller = Caller.current().id();
        ClassAnalytics.ClassSeen seen = analytics.classFor(caller, id);
        return cached.json(CachedAnswers.CLASS_DASHBOARDS, seen.key(), () -> analytics.classFor(caller, id).key(), () -> analytics.dashboard(seen));
    }
}
