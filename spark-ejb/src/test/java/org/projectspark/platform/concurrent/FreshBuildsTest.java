package org.projectspark.platform.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshBuildsTest {

    private final FreshBuilds<String, Long> builds = new FreshBuilds<>();

    @Test
    void aCallerAloneGetsItsOwnBuild() {
        AtomicInteger runs = new AtomicInteger();
        assertThat(builds.get("class-1", () -> (long) runs.incrementAndGet())).isEqualTo(1);
        assertThat(builds.get("class-1", () -> (long) runs.incrementAndGet())).isEqualTo(2);
        assertThat(builds.keys()).isZero();
    }

    @Test
    void everyCallerGetsABuildThatStartedAfterItAskedAndConcurrentCallersShareBuilds() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlapping = new AtomicInteger();
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    long asked = clock.incrementAndGet();
                    long startedAt = builds.get("class-1", () -> {
                        if (running.incrementAndGet() > 1) {
                            overlapping.incrementAndGet();
                        }
                        runs.incrementAndGet();
                        long start = clock.incrementAndGet();
                        sleep(100); // long enough that callers started together under load still arrive during one build
                        running.decrementAndGet();
                        return start;
                    });
                    return new long[]{asked, startedAt};
                }));
            }
            go.countDown();
            for (Future<long[]> f : answers) {
                long[] a = f.get(10, TimeUnit.SECONDS);
                assertThat(a[1]).as("the build answering a caller started after it asked").isGreaterThan(a[0]);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlapping.get()).as("builds of one key never overlap").isZero();
        assertThat(runs.get()).as("callers arriving together share builds").isLessThan(callers / 4);
        assertThat(builds.keys()).isZero();
    }

    @Test
    void differentKeysBuildSeparately() {
        assertThat(builds.get("class-1", () -> 1L)).isEqualTo(1L);
        assertThat(builds.get("class-2", () -> 2L)).isEqualTo(2L);
    }

    @Test
    void aFailedBuildFailsItsCallersAndTheNextCallerBuildsAgain() {
        assertThatThrownBy(() -> builds.get("class-1", () -> {
            throw new IllegalStateException("database timed out");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database timed out");
        assertThat(builds.keys()).isZero();
        assertThat(builds.get("class-1", () -> 7L)).isEqualTo(7L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
