package org.projectspark.platform.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where Redis is: one server ({@code REDIS_URL}) or a Redis Cluster reached through a few of its nodes
 * ({@code REDIS_CLUSTER_NODES}, which wins when set). A server is {@code redis://[[user]:password@]host[:port][/database]}
 * ({@code rediss://} for TLS); a cluster's seeds are comma-separated {@code host:port} or URLs of that form, and the
 * scheme and credentials of its first seed apply to every node (a cluster has one set of users, and only database 0).
 */
public final class RedisLocation {

    private static final int DEFAULT_PORT = 6379;

    private final List<HostAndPort> nodes;
    private final boolean cluster;
    private final boolean tls;
    private final String user;
    private final String password;
    private final int database;

    private RedisLocation(List<HostAndPort> nodes, boolean cluster, URI credentials, int database) {
        this.nodes = List.copyOf(nodes);
        this.cluster = cluster;
        this.tls = "rediss".equals(credentials.getScheme());
        String[] userInfo = credentials.getUserInfo() == null ? new String[0] : credentials.getUserInfo().split(":", 2);
        this.user = userInfo.length == 2 && !userInfo[0].isEmpty() ? userInfo[0] : null;
        this.password = userInfo.length == 2 ? userInfo[1] : userInfo.length == 1 ? userInfo[0] : null;
        this.database = database;
    }

    /** The Redis the settings name; refuses a value that is not one (the message names the setting). */
    public static RedisLocation of(String redisUrl, Optional<String> clusterNodes) {
        return clusterNodes.filter(s -> !s.isBlank()).map(RedisLocation::cluster).orElseGet(() -> single(redisUrl));
    }

    public static RedisLocation single(String redisUrl) {
        URI uri = uri("REDIS_URL", redisUrl);
        return new RedisLocation(List.of(node("REDIS_URL", uri)), false, uri, database("REDIS_URL", uri));
    }

    public static RedisLocation cluster(String seeds) {
        List<URI> uris = new ArrayList<>();
        for (String seed : seeds.split(",")) {
            if (!seed.isBlank()) {
                String s = seed.trim();
                uris.add(uri("REDIS_CLUSTER_NODES", s.contains("://") ? s : "redis://" + s));
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("REDIS_CLUSTER_NODES names no node (comma-separated host:port)");
        }
        for (URI uri : uris) {
            if (database("REDIS_CLUSTER_NODES", uri) != 0) {
                throw new IllegalArgumentException("REDIS_CLUSTER_NODES: a Redis Cluster has only database 0 (got '" + uri.getPath() + "')");
            }
        }
        return new RedisLocation(uris.stream().map(u -> node("REDIS_CLUSTER_NODES", u)).toList(), true, uris.get(0), 0);
    }

    private static URI uri(String setting, String value) {
        try {
            URI uri = new URI(value.trim());
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new IllegalArgumentException(setting + ": '" + withoutPassword(value) + "' is not a redis:// or rediss:// address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": '" + withoutPassword(value) + "' is not host:port or a redis:// address");
        }
    }

    private static HostAndPort node(String setting, URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(setting + ": '" + withoutPassword(uri.toString()) + "' names no host");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new HostAndPort(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    private static int database(String setting, URI uri) {
        String path = uri.getPath();
        if (path == null || path.length() <= 1) {
            return 0;
        }
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": the database after the address is a number (got '" + path + "')");
        }
    }

    /** For messages: an address may carry a password. */
    private static String withoutPassword(String value) {
        return value.replaceAll("//[^@/]*@", "//***@");
    }

    public boolean isCluster() {
        return cluster;
    }

    /** The server, or the seeds a cluster client learns the whole cluster from. */
    public List<HostAndPort> nodes() {
        return nodes;
    }

    JedisClientConfig clientConfig(int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .ssl(tls)
                .clientName("project-spark")
                .database(database);
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        return config.build();
    }

    /** For logs and the health document: never the credentials. */
    @Override
    public String toString() {
        String addresses = nodes.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
        return cluster ? "Redis Cluster via " + addresses : "Redis at " + addresses + (database == 0 ? "" : "/" + database);
    }
}
