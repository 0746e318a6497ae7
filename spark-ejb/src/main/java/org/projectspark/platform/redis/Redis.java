package org.projectspark.platform.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.KeyCommands;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared Redis client: one server ({@link JedisPooled}) or a Redis Cluster ({@link JedisCluster}), both a
 * {@link UnifiedJedis}, so every caller has one code path. In a cluster every command whose keys must meet on one
 * node (a script, a multi-key command) names keys with one hash tag.
 * <p>
 * Redis is optional: when it is down, callers get {@link Optional#empty()} at once (a short breaker avoids waiting on
 * a dead server for every request) and fall back to in-process state. A cluster client is made only once some seed
 * answers, so the application also starts while the cluster is away, and joins it when it is back.
 */
@ApplicationScoped
public class Redis {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());
    private static final long RETRY_AFTER_FAILURE_MILLIS = 5_000;
    private static final int TIMEOUT_MILLIS = 500;
    /** A command's tries in a cluster (a redirect after a failover takes one) and the time they may take together. */
    private static final int CLUSTER_ATTEMPTS = 3;
    private static final Duration CLUSTER_RETRY_TIME = Duration.ofMillis(2L * TIMEOUT_MILLIS);
    /** How often the cluster client asks for the slot map, so it finds a promoted replica without waiting for an error. */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    private static final int SCAN_PAGE = 1_000;

    @Inject
    SparkSettings settings;

    private RedisLocation location;
    private volatile UnifiedJedis client;
    /** The cluster's nodes, to scan each master; null for one server. */
    private volatile ClusterConnectionProvider cluster;
    private volatile long downUntil;

    /** A connection outside CDI (command-line tools, tests). */
    public static Redis connect(String redisUrl) {
        return connect(RedisLocation.single(redisUrl));
    }

    /** Like the application's: it also works while Redis is away, falling back until Redis answers. */
    public static Redis connect(RedisLocation location) {
        Redis redis = new Redis();
        redis.location = location;
        redis.client();
        return redis;
    }

    @PostConstruct
    void connect() {
        location = settings.redisLocation();
        LOG.info(() -> "Using " + location);
        client();
    }

    /** The client, made on first use (a cluster client needs a seed that answers); empty while Redis is skipped. */
    public Optional<UnifiedJedis> client() {
        UnifiedJedis c = client;
        if (c != null) {
            return Optional.of(c);
        }
        if (isMarkedDown()) {
            return Optional.empty();
        }
        try {
            return Optional.of(open());
        } catch (JedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }

    private synchronized UnifiedJedis open() {
        if (client == null) {
            if (location.isCluster()) {
                requireASeedAnswers();
                // reads the slot map from the first seed that answers
                ClusterConnectionProvider provider = new ClusterConnectionProvider(new HashSet<>(location.nodes()),
                        location.clientConfig(TIMEOUT_MILLIS), new ConnectionPoolConfig(), TOPOLOGY_REFRESH);
                cluster = provider;
                client = new JedisCluster(provider, CLUSTER_ATTEMPTS, CLUSTER_RETRY_TIME);
            } else {
                client = new JedisPooled(location.nodes().get(0), location.clientConfig(TIMEOUT_MILLIS));
            }
        }
        return client;
    }

    /**
     * Asked before the cluster client is made: the client starts its slot-map refresher before it reads the map, and a
     * client that fails there could not be closed, leaving the refresher running.
     */
    private void requireASeedAnswers() {
        JedisException last = null;
        for (HostAndPort seed : location.nodes()) {
            try (Jedis node = new Jedis(seed, location.clientConfig(TIMEOUT_MILLIS))) {
                node.ping();
                return;
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisConnectionException("no node of REDIS_CLUSTER_NODES answers", last);
    }

    @PreDestroy
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    public boolean isCluster() {
        return location.isCluster();
    }

    /** Runs a command if Redis is reachable; empty when it is not (the caller falls back). */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        if (isMarkedDown()) {
            return Optional.empty();
        }
        try {
            return client().map(command);
        } catch (JedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }

    /**
     * Fails, as a command would, unless every pipelined command was answered: a cluster's pipeline (one per node
     * holding its keys) only logs a node it lost on the way, leaving that node's answers unset.
     */
    public static void requireAnswers(List<? extends Response<?>> answers) {
        for (Response<?> answer : answers) {
            try {
                answer.get(); // throws the command's own error (a JedisException) when Redis refused it
            } catch (IllegalStateException e) {
                throw new JedisConnectionException("a pipelined command got no answer", e);
            }
        }
    }

    /**
     * Hands every key matching {@code pattern} to {@code page}, a page at a time. A SCAN sees the keys of one node, so
     * in a cluster each master is scanned (the client's own SCAN would ask one node only, or refuse the pattern); a
     * master that does not answer fails the whole scan.
     */
    public void scan(UnifiedJedis r, String pattern, Consumer<List<String>> page) {
        ScanParams params = new ScanParams().match(pattern).count(SCAN_PAGE);
        ClusterConnectionProvider nodes = cluster;
        if (nodes == null) {
            scanNode(r, params, page);
            return;
        }
        for (HostAndPort master : masters(nodes)) {
            try (Connection connection = nodes.getConnection(master)) {
                scanNode(new Jedis(connection), params, page);
            }
        }
    }

    private static void scanNode(KeyCommands node, ScanParams params, Consumer<List<String>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> result = node.scan(cursor, params);
            if (!result.getResult().isEmpty()) {
                page.accept(result.getResult());
            }
            cursor = result.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /**
     * The nodes that hold the cluster's slots now, from the client's slot map (renewed every few seconds and after a
     * redirect). Not the client's list of primaries: it keeps a master that failed, after its replica took over. A slot
     * without a master fails the caller: a scan would miss its keys.
     */
    private static Set<HostAndPort> masters(ClusterConnectionProvider nodes) {
        Set<HostAndPort> masters = new LinkedHashSet<>();
        for (int slot = 0; slot < Protocol.CLUSTER_HASHSLOTS; slot++) {
            HostAndPort owner = nodes.getNode(slot);
            if (owner == null) {
                throw new JedisClusterOperationException("no master serves slot " + slot);
            }
            masters.add(owner);
        }
        return masters;
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

    /**
     * Round-trip time of a PING in milliseconds, or empty when Redis does not answer. In a cluster, a PING to each
     * master: one that is down (until its replica takes over) makes Redis unavailable.
     */
    public Optional<Double> ping() {
        try {
            UnifiedJedis c = client == null ? open() : client;
            ClusterConnectionProvider nodes = cluster;
            long start = System.nanoTime();
            if (nodes == null) {
                c.ping();
            } else {
                for (HostAndPort master : masters(nodes)) {
                    try (Connection connection = nodes.getConnection(master)) {
                        new Jedis(connection).ping();
                    }
                }
            }
            downUntil = 0;
            return Optional.of((System.nanoTime() - start) / 1_000_000.0);
        } catch (JedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }
}
