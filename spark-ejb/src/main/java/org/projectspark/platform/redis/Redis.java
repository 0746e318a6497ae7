package org.projectspark.platform.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared Redis connection pool. Redis is optional: when it is down, callers get
 * {@link Optional#empty()} at once (a short breaker avoids waiting on a dead server for every request)
 * and fall back to in-process state.
 */
@ApplicationScoped
public class Redis {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());
    private static final long RETRY_AFTER_FAILURE_MILLIS = 5_000;
    private static final int TIMEOUT_MILLIS = 500;

    @Inject
    SparkSettings settings;

    private JedisPooled client;
    private volatile long downUntil;

    /** A connection outside CDI (command-line tools, tests). */
    public static Redis connect(String redisUrl) {
        Redis redis = new Redis();
        redis.open(redisUrl);
        return redis;
    }

    @PostConstruct
    void connect() {
        open(settings.redisUrl());
    }

    private void open(String redisUrl) {
        URI uri = URI.create(redisUrl);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("project-spark");
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    config.user(parts[0]);
                }
                config.password(parts[1]);
            } else {
                config.password(parts[0]);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        client = new JedisPooled(new HostAndPort(uri.getHost(), port), config.build());
    }

    @PreDestroy
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Runs a command if Redis is reachable; empty when it is not (the caller falls back). */
    public <T> Optional<T> call(Function<JedisPooled, T> command) {
        if (System.currentTimeMillis() < downUntil) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(client));
        } catch (JedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }

    /** The client, for libraries that take one (Bucket4j); use {@link #call} elsewhere. */
    public JedisPooled client() {
        return client;
    }

    public boolean isMarkedDown() {
        return System.currentTimeMillis() < downUntil;
    }

    public void markDown(Exception cause) {
        if (!isMarkedDown()) {
            LOG.log(Level.WARNING, "Redis unreachable ({0}); using in-process fallback for {1} ms",
                    new Object[]{cause.getClass().getSimpleName(), RETRY_AFTER_FAILURE_MILLIS});
        }
        downUntil = System.currentTimeMillis() + RETRY_AFTER_FAILURE_MILLIS;
    }

    /** Round-trip time of a PING in milliseconds, or empty when Redis does not answer. */
    public Optional<Double> ping() {
        try {
            long start = System.nanoTime();
            client.ping();
            downUntil = 0;
            return Optional.of((System.nanoTime() - start) / 1_000_000.0);
        } catch (JedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }
}
