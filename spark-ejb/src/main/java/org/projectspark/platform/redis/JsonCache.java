package org.projectspark.platform.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JSON answers cached twice: in Redis for the cluster ({@code ttlSeconds}) and on this instance for
 * {@code localMillis}, so the hottest reads cost no network at all. Dropping an entry drops both; other
 * instances see the drop within {@code localMillis}. Without Redis the answer is built on a local miss.
 * Keys are per user (a user id, or a user id and the URL they asked for); callers check access first.
 * {@code localMillis} 0: Redis only (for callers that keep their own copy on the instance).
 */
public final class JsonCache {

    private final Redis redis;
    private final String prefix;
    private final long ttlSeconds;
    private final Cache<String, String> local;

    public JsonCache(Redis redis, String prefix, long ttlSeconds, long localMillis) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlSeconds = ttlSeconds;
        this.local = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(localMillis)).maximumSize(100_000).build();
    }

    public String get(UUID id, Function<UUID, String> build) {
        return get(id.toString(), () -> build.apply(id));
    }

    public String get(String key, Supplier<String> build) {
        return local.get(key, k -> redis.call(r -> r.get(prefix + k)).orElseGet(() -> store(k, build.get())));
    }

    /** This instance's copy, if it holds one: no Redis, no build. */
    public String localCopy(UUID id) {
        return local.getIfPresent(id.toString());
    }

    /** Builds the answer anew (the reader asked for fresh figures) and caches it for the next reads. */
    public String refresh(String key, Supplier<String> build) {
        String json = store(key, build.get());
        local.put(key, json);
        return json;
    }

    public void drop(UUID id) {
        local.invalidate(id.toString());
        redis.call(r -> r.del(prefix + id));
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    private String store(String key, String json) {
        redis.call(r -> r.setex(prefix + key, ttlSeconds, json));
        return json;
    }
}
