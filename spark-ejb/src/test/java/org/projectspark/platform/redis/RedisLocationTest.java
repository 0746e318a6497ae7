package org.projectspark.platform.redis;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisLocationTest {

    @Test
    void oneRedisIsReadFromItsUrlWithCredentialsAndDatabase() {
        RedisLocation one = RedisLocation.of("rediss://spark:s3cret@cache.school.test:6380/2", Optional.empty());
        assertThat(one.isCluster()).isFalse();
        assertThat(one.nodes()).containsExactly(new HostAndPort("cache.school.test", 6380));
        JedisClientConfig config = one.clientConfig(500);
        assertThat(config.getUser()).isEqualTo("spark");
        assertThat(config.getPassword()).isEqualTo("s3cret");
        assertThat(config.isSsl()).isTrue();
        assertThat(config.getDatabase()).isEqualTo(2);
        assertThat(RedisLocation.of("redis://:only-password@localhost", Optional.of(" ")).clientConfig(500).getPassword())
                .as("a blank REDIS_CLUSTER_NODES is unset").isEqualTo("only-password");
    }

    @Test
    void clusterSeedsWinOverTheUrlAndTakeTheFirstSeedsCredentials() {
        RedisLocation cluster = RedisLocation.of("redis://localhost:6379/1",
                Optional.of("redis://:s3cret@10.0.0.1:7000, 10.0.0.2:7000,[::1]:7001,cache-3"));
        assertThat(cluster.isCluster()).isTrue();
        assertThat(cluster.nodes()).containsExactly(new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.2", 7000),
                new HostAndPort("::1", 7001), new HostAndPort("cache-3", 6379));
        assertThat(cluster.clientConfig(500).getPassword()).isEqualTo("s3cret");
        assertThat(cluster.clientConfig(500).getDatabase()).isZero();
        assertThat(cluster.toString()).isEqualTo("Redis Cluster via 10.0.0.1:7000,10.0.0.2:7000,::1:7001,cache-3:6379")
                .doesNotContain("s3cret");
    }

    @Test
    void valuesThatNameNoRedisAreRefusedNamingTheSettingButNotThePassword() {
        assertThatThrownBy(() -> RedisLocation.cluster("10.0.0.1:7000/3")).hasMessageContaining("REDIS_CLUSTER_NODES")
                .hasMessageContaining("only database 0");
        assertThatThrownBy(() -> RedisLocation.cluster(" , ")).hasMessageContaining("REDIS_CLUSTER_NODES names no node");
        assertThatThrownBy(() -> RedisLocation.cluster("http://:s3cret@10.0.0.1:7000")).hasMessageContaining("REDIS_CLUSTER_NODES")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RedisLocation.single("localhost:6379")).hasMessageContaining("REDIS_URL");
        assertThatThrownBy(() -> RedisLocation.single("redis://bad host")).hasMessageContaining("REDIS_URL");
    }
}
