package org.projectspark.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Reports Redis without making readiness depend on it: caches and rate limits fall back to in-process
 * state, so the instance keeps serving while Redis is away.
 */
@Readiness
@ApplicationScoped
public class RedisReport implements HealthCheck {

    @Inject
    SystemHealth health;

    @Override
    public HealthCheckResponse call() {
        Optional<Double> ping = health.probeRedis();
        return HealthCheckResponse.named("redis").up()
                .withData("reachable", ping.isPresent())
                .withData("fallback", ping.isPresent() ? "none" : "in-process")
                .build();
    }
}
