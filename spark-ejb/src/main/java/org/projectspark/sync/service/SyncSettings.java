package org.projectspark.sync.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.DurationSetting;
import org.projectspark.sync.domain.Plausibility;

import java.time.Duration;

/** Offline sync limits and rules, from MicroProfile Config ({@code .env.example} lists them). */
@ApplicationScoped
public class SyncSettings {

    /** Change log rows are kept this long (purged nightly); a cursor older than that starts a full sync. */
    public static final int CHANGES_KEPT_DAYS = 90;

    @Inject @ConfigProperty(name = "SYNC_MAX_EVENTS", defaultValue = "5000")
    int maxEvents;

    /** Decompressed size of one upload; gzip bodies are counted after inflating, so a zip bomb stops here. */
    @Inject @ConfigProperty(name = "SYNC_MAX_BATCH_BYTES", defaultValue = "16777216")
    long maxBatchBytes;

    /** Events applied per transaction: an interrupted big batch keeps what was committed, and a retry resumes. */
    @Inject @ConfigProperty(name = "SYNC_CHUNK_EVENTS", defaultValue = "250")
    int chunkEvents;

    @Inject @ConfigProperty(name = "SYNC_CLOCK_SKEW", defaultValue = "10m")
    String clockSkew;

    @Inject @ConfigProperty(name = "SYNC_MIN_SECONDS_PER_QUESTION", defaultValue = "2")
    double minSecondsPerQuestion;

    @Inject @ConfigProperty(name = "SYNC_CHANGES_PAGE", defaultValue = "500")
    int changesPage;

    private Plausibility plausibility;

    @PostConstruct
    void parse() {
        if (maxEvents < 1 || chunkEvents < 1 || changesPage < 10 || maxBatchBytes < 1024) {
            throw new IllegalStateException("SYNC_MAX_EVENTS, SYNC_CHUNK_EVENTS must be at least 1, SYNC_CHANGES_PAGE at least 10,"
                    + " SYNC_MAX_BATCH_BYTES at least 1024");
        }
        plausibility = new Plausibility(DurationSetting.parse("SYNC_CLOCK_SKEW", clockSkew, 1000), minSecondsPerQuestion);
    }

    public int maxEvents() { return maxEvents; }
    public long maxBatchBytes() { return maxBatchBytes; }
    public int chunkEvents() { return chunkEvents; }
    public int changesPage() { return changesPage; }
    public Plausibility plausibility() { return plausibility; }
    public Duration clockSkew() { return plausibility.clockSkew(); }
}
