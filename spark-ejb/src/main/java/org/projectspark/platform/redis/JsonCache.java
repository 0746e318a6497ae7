package org.projectspark.platform.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * Per-user JSON answers cached twice: in Redis for the cluster ({@code ttlSeconds}) and on this instance
 * for {@code localMillis}, so the hottest reads cost no network at all. Dropping an entry drops both; other
 * instances see the drop within {@code localMillis}. Without Redis the answer is built on a local miss.
 */
public final class JsonCache {

    private final Redis redis;
    private final String prefix;
    private final long ttlSeconds;
    private final Cache<UUID, String> local;

    public JsonCache(Redis redis, String prefix, long ttlSeconds, long localMillis) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlSeconds = ttlSeconds;
        this.local = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(localMillis)).maximumSize(100_000).build();
    }

    public String get(UUID id, Function<UUID, String> build) {
        return local.get(id, k -> shared(k, build));
    }

    private String shared(UUID id, Function<UUID, String> build) {
        String key = prefix + id;
        return redis.call(r -> r.get(key)).orElseGet(() -> {
            String json = build.apply(id);
            redis.call(r -> r.setex(key, ttlSeconds, json));
            return json;
        });
    }

    public void drop(UUID id) {
        local.invalidate(id);
        redis.call(r -> r.del(prefix + id));
    }
}
