package org.projectspark.platform.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The deployment guide's detailed health document. The server's own /health (MicroProfile Health) is
 * for load balancers; this one is for people and dashboards, and names the blue/green colour.
 */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    SystemHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response detailed() {
        Map<String, Object> report = health.detailedReport();
        int status = "healthy".equals(report.get("status")) ? 200 : 503;
        return Response.status(status).entity(report).header("Cache-Control", "no-store").build();
    }
}
