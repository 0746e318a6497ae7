package org.projectspark.sync.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;
import org.projectspark.sync.domain.Plausibility;

import java.time.Duration;

/**
 * Offline sync limits and rules, from MicroProfile Config ({@code .env.example} lists them; defaults in
 * {@code META-INF/microprofile-config.properties}). A bad value fails the deployment with the setting's name.
 */
@ApplicationScoped
public class SyncSettings {

    /** Change log rows are kept this long (purged nightly); a cursor older than that starts a full sync. */
    public static final int CHANGES_KEPT_DAYS = 90;

    @Inject @ConfigProperty(name = "SYNC_MAX_EVENTS")
    int maxEvents;

    /** Decompressed size of one upload; gzip bodies are counted after inflating, so a zip bomb stops here. */
    @Inject @ConfigProperty(name = "SYNC_MAX_BATCH_BYTES")
    long maxBatchBytes;

    /** Events applied per transaction: an interrupted big batch keeps what was committed, and a retry resumes. */
    @Inject @ConfigProperty(name = "SYNC_CHUNK_EVENTS")
    int chunkEvents;

    @Inject @ConfigProperty(name = "SYNC_CLOCK_SKEW")
    String clockSkew;

    @Inject @ConfigProperty(name = "SYNC_MIN_SECONDS_PER_QUESTION")
    double minSecondsPerQuestion;

    @Inject @ConfigProperty(name = "SYNC_CHANGES_PAGE")
    int changesPage;

    private Plausibility plausibility;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        problems.check(maxEvents >= 1 && chunkEvents >= 1 && changesPage >= 10 && maxBatchBytes >= 1024,
                "SYNC_MAX_EVENTS, SYNC_CHUNK_EVENTS must be at least 1, SYNC_CHANGES_PAGE at least 10, SYNC_MAX_BATCH_BYTES at least 1024");
        Duration skew = problems.duration("SYNC_CLOCK_SKEW", clockSkew, 1000);
        if (skew != null) {
            plausibility = problems.value("SYNC_MIN_SECONDS_PER_QUESTION", () -> new Plausibility(skew, minSecondsPerQuestion));
        }
        problems.failIfAny();
    }

    public int maxEvents() { return maxEvents; }
    public long maxBatchBytes() { return maxBatchBytes; }
    public int chunkEvents() { return chunkEvents; }
    public int changesPage() { return changesPage; }
    public Plausibility plausibility() { return plausibility; }
    public Duration clockSkew() { return plausibility.clockSkew(); }
}
