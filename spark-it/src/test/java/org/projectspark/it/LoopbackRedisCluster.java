package org.projectspark.it;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Redis Cluster of three masters with a replica each, made as an operator would ({@code redis-server
 * --cluster-enabled yes} six times, {@code redis-cli --cluster create --cluster-replicas 1}) on six loopback ports from
 * {@code firstPort}, with its data in a temporary folder. A failed node is noticed after 2 s
 * ({@code cluster-node-timeout}), so a replica takes over within seconds.
 */
final class LoopbackRedisCluster implements AutoCloseable {

    static final int NODES = 6;
    private static final int NODE_TIMEOUT_MILLIS = 2_000;

    private final int firstPort;
    private final Path folder;
    private final Map<Integer, Process> servers = new LinkedHashMap<>();

    private LoopbackRedisCluster(int firstPort, Path folder) {
        this.firstPort = firstPort;
        this.folder = folder;
    }

    static LoopbackRedisCluster start(int firstPort) throws Exception {
        LoopbackRedisCluster cluster = new LoopbackRedisCluster(firstPort, Files.createTempDirectory("spark-redis-cluster"));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        try {
            for (int port : cluster.ports()) {
                cluster.shutDownLeftover(port);
                cluster.startNode(port);
            }
            for (int port : cluster.ports()) {
                awaitTrue("node " + port + " answers", Duration.ofSeconds(10), () -> answers(port));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.ports().forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(create, cluster.folder.resolve("create.log"));
            awaitTrue("the cluster is formed, every master with a replica", Duration.ofSeconds(30), cluster::isWhole);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    List<Integer> ports() {
        return IntStream.range(firstPort, firstPort + NODES).boxed().toList();
    }

    /** The seeds the application is given: every node. */
    String seeds() {
        return String.join(",", ports().stream().map(p -> "127.0.0.1:" + p).toList());
    }

    JedisCluster client() {
        Set<HostAndPort> seeds = new HashSet<>();
        ports().forEach(p -> seeds.add(new HostAndPort("127.0.0.1", p)));
        return new JedisCluster(seeds, DefaultJedisClientConfig.builder().socketTimeoutMillis(2_000).build());
    }

    /** The port of the master serving {@code key}'s slot, as a live node sees it. */
    int masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        for (String[] node : nodes()) {
            if (node[2].contains("master") && !node[2].contains("fail")) {
                for (int i = 8; i < node.length; i++) {
                    String[] range = node[i].split("-");
                    if (!range[0].startsWith("[") && slot >= Integer.parseInt(range[0])
                            && slot <= Integer.parseInt(range[range.length - 1])) {
                        return port(node[1]);
                    }
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** Every key matching {@code pattern} on every live master (a SCAN sees one node's keys). */
    List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        for (String[] node : nodes()) {
            if (node[2].contains("master") && !node[2].contains("fail")) {
                try (Jedis jedis = new Jedis("127.0.0.1", port(node[1]))) {
                    String cursor = ScanParams.SCAN_POINTER_START;
                    do {
                        ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1_000));
                        keys.addAll(page.getResult());
                        cursor = page.getCursor();
                    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                }
            }
        }
        return keys;
    }

    /** Kills the node at once (SIGKILL), as a crashed machine would leave it. */
    void kill(int port) throws InterruptedException {
        Process server = servers.remove(port);
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits until the cluster serves every slot again without {@code killedPort}: its replica took over. */
    void awaitFailover(int killedPort, Duration within) throws InterruptedException {
        awaitTrue("a replica took over from " + killedPort, within, () -> {
            List<String[]> nodes = nodes();
            return clusterOk() && nodes.stream().noneMatch(n -> port(n[1]) == killedPort && n[2].contains("master") && !n[2].contains("fail"))
                    && nodes.stream().filter(n -> n[2].contains("master") && !n[2].contains("fail") && n.length > 8).count() == 3;
        });
    }

    private boolean isWhole() {
        List<String[]> nodes = nodes();
        return clusterOk() && nodes.size() == NODES
                && nodes.stream().filter(n -> n[2].contains("slave") && "connected".equals(n[7])).count() == NODES / 2;
    }

    private boolean clusterOk() {
        return servers.keySet().stream().allMatch(p -> {
            try (Jedis jedis = new Jedis("127.0.0.1", p)) {
                return jedis.clusterInfo().contains("cluster_state:ok");
            } catch (JedisException e) {
                return false;
            }
        });
    }

    /** CLUSTER NODES of a live node: id, address, flags, master, ping, pong, epoch, link state, slots... */
    private List<String[]> nodes() {
        for (int port : servers.keySet()) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                return jedis.clusterNodes().lines().map(l -> l.trim().split(" ")).toList();
            } catch (JedisException e) {
                // the next node
            }
        }
        throw new IllegalStateException("no node of the cluster answers");
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1).split("@")[0]);
    }

    private void startNode(int port) throws IOException {
        Path dir = Files.createDirectories(folder.resolve(String.valueOf(port)));
        Process server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        servers.put(port, server);
    }

    /** A node left on this build's own port by an interrupted run. */
    private void shutDownLeftover(int port) {
        if (answers(port)) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.shutdown();
            } catch (JedisException e) {
                // it went down while saying so
            }
        }
    }

    private static boolean answers(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    static void awaitTrue(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + ": not within " + within);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(Process::destroyForcibly);
        for (Process p : servers.values()) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system clears it
        }
    }
}
