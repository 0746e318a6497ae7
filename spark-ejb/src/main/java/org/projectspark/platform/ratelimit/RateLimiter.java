package org.projectspark.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.redis.Redis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Token-bucket rate limits (Bucket4j). Buckets live in Redis so every instance of a cluster counts
 * together; while Redis is down each instance counts on its own, which is stricter per instance but
 * never lets a client through unlimited.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_LOCAL_BUCKETS = 100_000;

    @Inject
    Redis redis;

    /** Buckets in Redis; made with the client, once Redis first answers. */
    private volatile ProxyManager<byte[]> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    /** Shared buckets that may run slightly ahead of Redis, kept per key so their local state survives. */
    private final Map<String, Bucket> relaxed = new ConcurrentHashMap<>();

    /** The buckets in Redis, or empty while Redis is skipped. Each bucket is one key, so a cluster needs no hash tag. */
    private Optional<ProxyManager<byte[]>> shared() {
        if (shared == null) {
            redis.client().ifPresent(client -> {
                synchronized (this) {
                    if (shared == null) {
                        shared = Bucket4jJedis.casBasedBuilder(client)
                                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                                .build();
                    }
                }
            });
        }
        return Optional.ofNullable(shared);
    }

    /** Takes one token from the bucket {@code kind:key}, which holds {@code capacity} tokens per {@code window}. */
    public RateLimitDecision consume(String kind, String key, long capacity, Duration window) {
        return consume(kind, key, Limit.of(capacity, window));
    }

    /** Takes one token from the bucket {@code kind:key} of {@code limit}. */
    public RateLimitDecision consume(String kind, String key, Limit limit) {
        return onBucket(bucketId(kind, key, limit), limit, RateLimiter::takeOne);
    }

    /** Gives back a token taken by {@link #consume(String, String, Limit)} for something that turned out not to count. */
    public void refund(String kind, String key, Limit limit) {
        onBucket(bucketId(kind, key, limit), limit, bucket -> {
            bucket.addTokens(1);
            return null;
        });
    }

    /**
     * Takes one token like {@link #consume}, but talks to Redis only every few tokens or once a second
     * (Bucket4j's delaying optimization), so a hot API limit costs no round trip on most requests. The
     * cluster-wide count may run up to 5% of the capacity (at least one token) per instance ahead of
     * Redis; use it for the general API limit, never for sign-in attempts.
     */
    public RateLimitDecision consumeRelaxed(String kind, String key, long capacity, Duration window) {
        Optional<ProxyManager<byte[]>> inRedis = redis.isMarkedDown() ? Optional.empty() : shared();
        if (inRedis.isEmpty()) {
            return consume(kind, key, capacity, window);
        }
        Limit limit = Limit.of(capacity, window);
        String id = bucketId(kind, key, limit);
        if (relaxed.size() > MAX_LOCAL_BUCKETS) {
            relaxed.clear();
        }
        Bucket bucket = relaxed.computeIfAbsent(id, k -> inRedis.get().builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(Math.max(1, capacity / 20), Duration.ofSeconds(1))))
                .build(k.getBytes(StandardCharsets.UTF_8), limit::configuration));
        try {
            return takeOne(bucket);
        } catch (JedisException e) {
            redis.markDown(e);
            relaxed.remove(id);
            return consume(kind, key, capacity, window);
        }
    }

    /**
     * The bucket's key. The limit is part of it: a bucket stored in Redis keeps the configuration it was made
     * with, so after RATE_LIMIT_MAX or the window changes, counting starts in new buckets.
     */
    private static String bucketId(String kind, String key, Limit limit) {
        return "spark:rl:" + kind + ":" + limit.id() + ":" + key;
    }

    /** Acts on the shared bucket in Redis; on this instance's own while Redis is down, or once a call to it fails. */
    private <T> T onBucket(String id, Limit limit, Function<Bucket, T> action) {
        Optional<ProxyManager<byte[]>> inRedis = redis.isMarkedDown() ? Optional.empty() : shared();
        if (inRedis.isPresent()) {
            try {
                return action.apply(inRedis.get().builder().build(id.getBytes(StandardCharsets.UTF_8), limit::configuration));
            } catch (JedisException e) {
                redis.markDown(e);
            }
        }
        return action.apply(localBucket(id, limit.configuration()));
    }

    private static RateLimitDecision takeOne(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new RateLimitDecision(true, probe.getRemainingTokens(), 0);
        }
        return new RateLimitDecision(false, 0, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket localBucket(String id, BucketConfiguration config) {
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear(); // crude bound on memory while Redis is away; limits restart from full
        }
        return local.computeIfAbsent(id, k -> {
            var builder = Bucket.builder();
            for (Bandwidth b : config.getBandwidths()) {
                builder.addLimit(b);
            }
            return builder.build();
        });
    }
}
