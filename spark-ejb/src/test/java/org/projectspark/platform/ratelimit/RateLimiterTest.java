package org.projectspark.platform.ratelimit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.projectspark.platform.redis.Redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the machine's real Redis (127.0.0.1:6379, database 1, which the tests share and the server run by ./spark does not use), and against a port where no Redis listens. */
class RateLimiterTest {

    private final List<Redis> opened = new ArrayList<>();

    private RateLimiter limiterOn(String url) {
        Redis redis = Redis.connect(url);
        opened.add(redis);
        RateLimiter limiter = new RateLimiter();
        limiter.redis = redis;
        return limiter;
    }

    @AfterEach
    void close() {
        opened.forEach(Redis::close);
    }

    @Test
    void twoInstancesOfAClusterCountTogetherThroughRedis() {
        RateLimiter instanceA = limiterOn("redis://127.0.0.1:6379/1");
        RateLimiter instanceB = limiterOn("redis://127.0.0.1:6379/1");
        String key = UUID.randomUUID().toString();
        Duration window = Duration.ofMinutes(15);
        assertThat(instanceA.consume("test", key, 3, window).allowed()).isTrue();
        assertThat(instanceB.consume("test", key, 3, window).allowed()).isTrue();
        assertThat(instanceA.consume("test", key, 3, window).allowed()).isTrue();
        RateLimitDecision fourth = instanceB.consume("test", key, 3, window);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterSeconds()).isBetween(1L, 900L);
        assertThat(instanceA.consume("test", key, 3, window).allowed()).isFalse();
    }

    @Test
    void aSlowingLimitGivesHalfAtOnceThenSpacesTheRestAndRefundsCount() {
        RateLimiter limiter = limiterOn("redis://127.0.0.1:6379/1");
        String key = UUID.randomUUID().toString();
        Limit limit = Limit.slowingAfterHalf(6, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.consume("test", key, limit).allowed()).as("try %d", i).isTrue();
        }
        RateLimitDecision slowed = limiter.consume("test", key, limit);
        assertThat(slowed.allowed()).isFalse();
        // the next token comes back after window / max (150 s), not at the end of the window
        assertThat(slowed.retryAfterSeconds()).isBetween(1L, 150L);
        limiter.refund("test", key, limit);
        assertThat(limiter.consume("test", key, limit).allowed()).as("a refunded token is there again").isTrue();
        assertThat(limiter.consume("test", key, limit).allowed()).isFalse();
    }

    @Test
    void withoutRedisASlowingLimitAndItsRefundsWorkOnEachInstance() {
        RateLimiter limiter = limiterOn("redis://127.0.0.1:1");
        String key = UUID.randomUUID().toString();
        Limit limit = Limit.slowingAfterHalf(4, Duration.ofMinutes(15));
        assertThat(limiter.consume("test", key, limit).allowed()).isTrue();
        assertThat(limiter.consume("test", key, limit).allowed()).isTrue();
        assertThat(limiter.consume("test", key, limit).allowed()).isFalse();
        limiter.refund("test", key, limit);
        assertThat(limiter.consume("test", key, limit).allowed()).isTrue();
    }

    @Test
    void theRelaxedLimitStopsAUserAtTheCapacityOnOneInstance() {
        RateLimiter instance = limiterOn("redis://127.0.0.1:6379/1");
        String key = UUID.randomUUID().toString();
        Duration window = Duration.ofMinutes(15);
        for (int i = 0; i < 40; i++) {
            assertThat(instance.consumeRelaxed("test", key, 40, window).allowed()).as("request %d", i).isTrue();
        }
        assertThat(instance.consumeRelaxed("test", key, 40, window).allowed()).isFalse();
    }

    @Test
    void relaxedBucketsOfTwoInstancesOvershootTheSharedCapacityByAtMostTheirUnsyncedTokens() throws Exception {
        RateLimiter a = limiterOn("redis://127.0.0.1:6379/1");
        RateLimiter b = limiterOn("redis://127.0.0.1:6379/1");
        String key = UUID.randomUUID().toString();
        Duration window = Duration.ofMinutes(15);
        int allowed = 0;
        for (int i = 0; i < 200; i++) {
            if ((i % 2 == 0 ? a : b).consumeRelaxed("test", key, 100, window).allowed()) {
                allowed++;
            }
        }
        // each instance may run up to 5% of the capacity ahead of Redis
        assertThat(allowed).isBetween(100, 110);
    }

    @Test
    void withoutRedisEachInstanceStillLimits() {
        RateLimiter limiter = limiterOn("redis://127.0.0.1:1");
        String key = UUID.randomUUID().toString();
        Duration window = Duration.ofMinutes(15);
        assertThat(limiter.consume("test", key, 2, window).allowed()).isTrue();
        assertThat(limiter.consume("test", key, 2, window).allowed()).isTrue();
        assertThat(limiter.consume("test", key, 2, window).allowed()).isFalse();
        assertThat(limiter.consume("test", "another-key", 2, window).allowed()).isTrue();
    }
}
