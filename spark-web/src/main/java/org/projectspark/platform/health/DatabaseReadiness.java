package org.projectspark.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when PostgreSQL answers: without it nothing works. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    SystemHealth health;

    @Override
    public HealthCheckResponse call() {
        SystemHealth.DatabaseProbe db = health.probeDatabase();
        return HealthCheckResponse.named("database").status(db.up())
                .withData("responseTimeMs", Math.round(db.responseMillis()))
                .build();
    }
}
