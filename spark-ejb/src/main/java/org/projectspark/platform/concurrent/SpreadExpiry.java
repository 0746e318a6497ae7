package org.projectspark.platform.concurrent;

import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Expiry of a short-lived local copy, drawn for each entry between half and all of its time to live. Entries
 * written together (a hundred teachers opening a class's dashboard at the start of the day) would otherwise expire
 * together and send their look-ups to Redis or PostgreSQL in one burst every period, all queued behind each other:
 * those bursts are a poller's slowest answers. No entry lives longer than the time to live, so how stale a copy can
 * be is unchanged.
 */
public final class SpreadExpiry<K, V> implements Expiry<K, V> {

    private final long shortestNanos;
    private final long longestNanos;

    private SpreadExpiry(Duration timeToLive) {
        this.longestNanos = timeToLive.toNanos();
        this.shortestNanos = longestNanos / 2;
    }

    /** Entries live between half of {@code timeToLive} and all of it. */
    public static <K, V> SpreadExpiry<K, V> upTo(Duration timeToLive) {
        if (timeToLive.isNegative()) {
            throw new IllegalArgumentException("a time to live cannot be negative: " + timeToLive);
        }
        return new SpreadExpiry<>(timeToLive);
    }

    /** A lifetime for a new or replaced entry, in nanoseconds. */
    long draw() {
        return shortestNanos == longestNanos ? longestNanos : ThreadLocalRandom.current().nextLong(shortestNanos, longestNanos + 1);
    }

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        return draw();
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return draw();
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
