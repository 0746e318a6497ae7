package org.projectspark.platform.health;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /health}, {@code /health/ready}, {@code /health/live} and {@code /health/started} in MicroProfile Health's
 * format, answered by the application itself. Payara's own endpoint (turned off by server-config/asadmin/
 * 60-health.asadmin) answers UP with no checks once an application has ever started, including while the next
 * version is still deploying, and from the server's default web module after an undeploy: a balancer would send
 * requests to an instance that answers them 404. Here the paths exist only while the application is deployed (404
 * otherwise), and ready means started ({@link StartupReadiness}).
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthEndpoints extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HealthEndpoints.class.getName());

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String kind = request.getPathInfo() == null ? "/" : request.getPathInfo();
        List<HealthCheck> selected = new ArrayList<>();
        switch (kind) {
            case "/", "" -> {
                selected.addAll(select(Liveness.Literal.INSTANCE));
                selected.addAll(select(Readiness.Literal.INSTANCE));
                selected.addAll(select(Startup.Literal.INSTANCE));
            }
            case "/ready" -> selected.addAll(select(Readiness.Literal.INSTANCE));
            case "/live" -> selected.addAll(select(Liveness.Literal.INSTANCE));
            case "/started" -> selected.addAll(select(Startup.Literal.INSTANCE));
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        boolean up = true;
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (HealthCheckResponse r : selected.stream().distinct().map(HealthEndpoints::call).toList()) {
            up &= r.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder data = Json.createObjectBuilder();
            r.getData().ifPresent(d -> d.forEach((k, v) -> data.add(k, String.valueOf(v))));
            list.add(Json.createObjectBuilder().add("name", r.getName()).add("status", r.getStatus().name()).add("data", data));
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", list).build().toString());
    }

    private List<HealthCheck> select(Annotation kind) {
        return checks.select(kind).stream().toList();
    }

    /** A check that throws is DOWN, as the specification says, with the failure in the log, not in the answer. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check " + check.getClass().getName() + " failed", e);
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down().build();
        }
    }
}
