package org.projectspark.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * At most {@code max} tokens per {@code window}. With a {@code burst} below {@code max} the limit slows before it
 * refuses: the first {@code burst} tokens are there at once, the rest come back one every {@code window / max}, and
 * the window's {@code max} is never passed.
 */
public record Limit(long max, Duration window, long burst) {

    public Limit {
        if (max < 1 || burst < 1 || burst > max || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs 1 <= burst <= max and a positive window");
        }
    }

    /** {@code max} per window, all available at once. */
    public static Limit of(long max, Duration window) {
        return new Limit(max, window, max);
    }

    /** {@code max} per window, half of it at once and the rest spaced out. */
    public static Limit slowingAfterHalf(long max, Duration window) {
        return new Limit(max, window, (max + 1) / 2);
    }

    BucketConfiguration configuration() {
        var config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(max).refillIntervally(max, window).build());
        if (burst < max) {
            config.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(max, window).build());
        }
        return config.build();
    }

    /** Part of the bucket's key: a bucket stored in Redis keeps the configuration it was made with. */
    String id() {
        return max + "/" + window.toSeconds() + (burst < max ? "~" + burst : "");
    }
}
