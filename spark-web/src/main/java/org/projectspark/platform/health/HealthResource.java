package org.projectspark.platform.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.platform.openapi.ApiDoc;

import java.util.Map;

/**
 * The deployment guide's detailed health document. The server's own /health (MicroProfile Health) is
 * for load balancers; this one is for people and dashboards, and names the blue/green colour.
 */
@Path("health")
@RequestScoped
@Tag(name = ApiDoc.OPERATIONS)
public class HealthResource {

    @Inject
    SystemHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The detailed health document: services, metrics, version, environment")
    @APIResponse(responseCode = "200", description = "Healthy", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "503", description = "Unhealthy: the same document", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response detailed() {
        Map<String, Object> report = health.detailedReport();
        int status = "healthy".equals(report.get("status")) ? 200 : 503;
        return Response.status(status).entity(report).header("Cache-Control", "no-store").build();
    }
}
