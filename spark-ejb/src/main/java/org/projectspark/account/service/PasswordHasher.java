package org.projectspark.account.service;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.TooManyRequestsException;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id password hashing (argon2-jvm, the reference C implementation) with hashes stored in PHC
 * string form ({@code $argon2id$v=19$m=65536,t=3,p=4$salt$hash}), so parameters can change later and old
 * hashes still verify. Each hash takes ARGON2_MEMORY_COST KiB, so only a bounded number run at once:
 * a whole school signing in at 8 o'clock queues briefly instead of exhausting memory, and when the queue
 * is too long the caller gets 503 with Retry-After.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final long MAX_WAIT_MILLIS = 5_000;
    private static final int QUEUE_PER_PERMIT = 50;

    @Inject
    SparkSettings settings;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private Semaphore permits;
    private int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Verified against when a sign-in name is unknown, so that unknown and known names take the same time. */
    private String decoyHash;

    @PostConstruct
    void init() {
        int concurrent = settings.argon2MaxConcurrent();
        permits = new Semaphore(concurrent, true);
        maxWaiting = concurrent * QUEUE_PER_PERMIT;
        decoyHash = hash("decoy-password-for-timing".toCharArray());
    }

    public String hash(char[] password) {
        return bounded(() -> argon2.hash(settings.argon2Iterations(), settings.argon2MemoryKib(), settings.argon2Parallelism(), password));
    }

    public boolean verify(String phcHash, char[] password) {
        return bounded(() -> argon2.verify(phcHash, password));
    }

    /** Spends the time a real verification would, then fails. */
    public boolean verifyDecoy(char[] password) {
        verify(decoyHash, password);
        return false;
    }

    /** True when the stored hash was made with other parameters than the current settings. */
    public boolean needsRehash(String phcHash) {
        return argon2.needsRehash(phcHash, settings.argon2Iterations(), settings.argon2MemoryKib(), settings.argon2Parallelism());
    }

    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    private <T> T bounded(java.util.function.Supplier<T> work) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw TooManyRequestsException.busy("Too many sign-ins at once; try again in a few seconds", 2);
        }
        boolean acquired = false;
        try {
            acquired = permits.tryAcquire(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (!acquired) {
                throw TooManyRequestsException.busy("Too many sign-ins at once; try again in a few seconds", 2);
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TooManyRequestsException.busy("Sign-in was interrupted; try again", 1);
        } finally {
            waiting.decrementAndGet();
            if (acquired) {
                permits.release();
            }
        }
    }
}
