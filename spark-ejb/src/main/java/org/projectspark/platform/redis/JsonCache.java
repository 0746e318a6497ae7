package org.projectspark.platform.redis;

import org.projectspark.platform.cache.Copies;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JSON answers cached in Redis for the cluster ({@code ttlSeconds}) and, when given {@code copies}, on each instance
 * for their time ({@link org.projectspark.platform.cache.InstanceCopies}), so the hottest reads cost no network at all.
 * Dropping an entry drops it in Redis and then every instance's copy. Without Redis the answer is built on a miss.
 * Keys are per user (a user id, or a user id and the URL they asked for); callers check access first.
 */
public final class JsonCache {

    private final Redis redis;
    private final String prefix;
    private final long ttlSeconds;
    private final Copies<String, String> copies;

    /** Redis only (for callers that keep their own copy on the instance). */
    public JsonCache(Redis redis, String prefix, long ttlSeconds) {
        this(redis, prefix, ttlSeconds, null);
    }

    public JsonCache(Redis redis, String prefix, long ttlSeconds, Copies<String, String> copies) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlSeconds = ttlSeconds;
        this.copies = copies;
    }

    public String get(UUID id, Function<UUID, String> build) {
        return get(id.toString(), () -> build.apply(id));
    }

    public String get(String key, Supplier<String> build) {
        Function<String, String> shared = k -> redis.call(r -> r.get(prefix + k)).orElseGet(() -> store(k, build.get()));
        return copies == null ? shared.apply(key) : copies.get(key, shared);
    }

    /** This instance's copy, if it holds one: no Redis, no build. */
    public Optional<String> localCopy(UUID id) {
        return copies == null ? Optional.empty() : copies.find(id.toString());
    }

    /** Builds the answer anew (the reader asked for fresh figures) and caches it for the next reads. */
    public String refresh(String key, Supplier<String> build) {
        String json = store(key, build.get());
        if (copies != null) {
            copies.put(key, json);
        }
        return json;
    }

    /** Redis first: an instance that drops its copy must not read the old answer again from Redis. */
    public void drop(UUID id) {
        redis.call(r -> r.del(prefix + id));
        if (copies != null) {
            copies.drop(id.toString());
        }
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    private String store(String key, String json) {
        redis.call(r -> r.setex(prefix + key, ttlSeconds, json));
        return json;
    }
}
