package org.projectspark.platform.concurrent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadExpiryTest {

    @Test
    void lifetimesSpreadBetweenHalfAndAllOfTheTimeToLive() {
        SpreadExpiry<String, String> expiry = SpreadExpiry.upTo(Duration.ofSeconds(2));
        LongSummaryStatistics drawn = LongStream.range(0, 10_000).map(i -> expiry.draw()).summaryStatistics();
        assertThat(drawn.getMin()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(drawn.getMax()).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        // spread over the range, not bunched: entries written together do not all expire together
        assertThat(drawn.getMin()).isLessThan(Duration.ofMillis(1_100).toNanos());
        assertThat(drawn.getMax()).isGreaterThan(Duration.ofMillis(1_900).toNanos());
    }

    @Test
    void entriesWrittenTogetherExpireAtDifferentTimesAndNoneOutlivesItsTimeToLive() {
        AtomicLong now = new AtomicLong();
        Ticker ticker = now::get;
        Cache<Integer, String> cache = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .expireAfter(SpreadExpiry.<Integer, String>upTo(Duration.ofSeconds(2))).build();
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "copy");
        }
        now.set(Duration.ofMillis(999).toNanos());
        assertThat(alive(cache)).as("all alive before half the time to live").isEqualTo(1_000);
        now.set(Duration.ofMillis(1_500).toNanos());
        assertThat(alive(cache)).as("some gone, some alive, half way").isBetween(1L, 999L);
        now.set(Duration.ofMillis(2_001).toNanos());
        assertThat(alive(cache)).as("none outlives the time to live").isZero();
    }

    private static long alive(Cache<Integer, String> cache) {
        return IntStream.range(0, 1_000).filter(i -> cache.getIfPresent(i) != null).count();
    }

    @Test
    void aZeroTimeToLiveKeepsNothingAndANegativeOneIsRefused() {
        assertThat(SpreadExpiry.upTo(Duration.ZERO).draw()).isZero();
        assertThatThrownBy(() -> SpreadExpiry.upTo(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
