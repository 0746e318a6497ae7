package org.projectspark.platform.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis is optional, a cluster too: one that does not answer is skipped, never fatal. */
class RedisTest {

    @Test
    void aClusterThatDoesNotAnswerIsSkippedUntilItDoes() {
        // port 1 on loopback: nothing listens there
        Redis redis = Redis.connect(RedisLocation.cluster("127.0.0.1:1"));
        try {
            assertThat(redis.isMarkedDown()).isTrue();
            assertThat(redis.client()).isEmpty();
            assertThat(redis.call(r -> r.get("spark:anything"))).isEmpty();
            assertThat(redis.ping()).as("the health probe tries again at once, and fails").isEmpty();
        } finally {
            redis.close();
        }
    }
}
