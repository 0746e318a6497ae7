package org.projectspark.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Alive unless the heap is all but exhausted (then a restart is the cure). Touches nothing outside the JVM. */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        boolean ok = heap.getMax() <= 0 || heap.getUsed() < 0.98 * heap.getMax();
        return HealthCheckResponse.named("heap").status(ok)
                .withData("usedMiB", heap.getUsed() / (1024 * 1024))
                .withData("maxMiB", heap.getMax() / (1024 * 1024))
                .build();
    }
}
