package org.projectspark.platform.startup;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether {@link SparkStartup} has finished (settings checked, schema migrated, first admin made) and the application
 * is not being stopped: readiness reports it, so a balancer never sends a request to an instance half-way through
 * either.
 */
@ApplicationScoped
public class StartupState {

    public enum Phase { STARTING, STARTED, STOPPING }

    private volatile Phase phase = Phase.STARTING;

    public Phase phase() {
        return phase;
    }

    void started() {
        phase = Phase.STARTED;
    }

    void stopping() {
        phase = Phase.STOPPING;
    }
}
