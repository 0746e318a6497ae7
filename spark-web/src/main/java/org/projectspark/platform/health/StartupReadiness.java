package org.projectspark.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.projectspark.platform.startup.StartupState;

/** Started and ready only once start-up has finished; no longer ready while the application is being stopped. */
@Readiness
@Startup
@ApplicationScoped
public class StartupReadiness implements HealthCheck {

    @Inject
    StartupState state;

    @Override
    public HealthCheckResponse call() {
        StartupState.Phase phase = state.phase();
        return HealthCheckResponse.named("application").status(phase == StartupState.Phase.STARTED)
                .withData("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                .build();
    }
}
