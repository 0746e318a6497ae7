package org.projectspark.platform.redis;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the machine's real Redis (127.0.0.1:6379, database 1, which the tests share and the server run by ./spark does not use). */
class RedisScriptTest {

    @Test
    void isKnownToRedisUnderItsSha1() {
        // what `redis-cli SCRIPT LOAD "return redis.call('PING')"` answers: EVALSHA must find the script under it
        assertThat(new RedisScript("return redis.call('PING')").sha1()).isEqualTo("9e15db9d82a8a2f2029845f70d37494af8690c35");
    }

    @Test
    void aScriptRedisDoesNotHoldYetIsSentOnceAndThenRunByName() {
        // a body no Redis has seen: the first run meets NOSCRIPT and sends it, the second finds it by its SHA-1
        RedisScript script = new RedisScript("-- " + UUID.randomUUID() + "\nreturn {KEYS[1], ARGV[1]}");
        Redis redis = Redis.connect("redis://127.0.0.1:6379/1");
        try {
            UnifiedJedis client = redis.client().orElseThrow();
            assertThat(client.scriptExists(List.of(script.sha1())).get(0)).isFalse();
            assertThat(script.run(client, List.of("k"), List.of("v"))).isEqualTo(List.of("k", "v"));
            assertThat(client.scriptExists(List.of(script.sha1())).get(0)).isTrue();
            assertThat(script.run(client, List.of("k2"), List.of("v2"))).isEqualTo(List.of("k2", "v2"));
        } finally {
            redis.close();
        }
    }
}
