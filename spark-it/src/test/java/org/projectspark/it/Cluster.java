package org.projectspark.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster the *ClusterIT classes run against (./spark cluster test): nginx at {@link Api#BASE}, and the instances of
 * the deployment group, each reachable directly and controllable as an operator would (asadmin, or kill -9).
 */
final class Cluster {

    /** The instances' names (spark-1, spark-2) and their base URLs, in the same order. */
    static final List<String> NAMES = Arrays.asList(System.getProperty("spark.cluster.instances", "spark-1,spark-2").split(","));
    /** Instance n (from 1) has the port base instancePortbase + 100 * (n - 1), as ./spark cluster makes them. */
    static final List<String> URLS = NAMES.stream().map(name -> "http://127.0.0.1:"
            + (Integer.getInteger("spark.cluster.instancePortbase", 21200) + 100 * (Integer.parseInt(name.substring(name.indexOf('-') + 1)) - 1) + 80)).toList();
    private static final String HOME = System.getProperty("spark.payaraHome");
    private static final String ADMIN_PORT = String.valueOf(Integer.getInteger("spark.cluster.portbase", 21100) + 48);
    private static final String NODE_DIR = System.getProperty("spark.cluster.nodeDir");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Cluster() {
    }

    /** A request straight to one instance, past nginx (from a fresh client address, as {@link Api#request} does). */
    static HttpRequest.Builder at(int instance, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(URLS.get(instance) + path)).timeout(Api.TIMEOUT)
                .header("X-Forwarded-For", Api.freshAddress());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static Api.Reply get(int instance, String path, String token) {
        return Api.send(at(instance, path, token).GET().build());
    }

    static Api.Reply post(int instance, String path, String json, String token) {
        return Api.send(at(instance, path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Api.Reply postFrom(int instance, String address, String path, String json) {
        return Api.send(at(instance, path, null).setHeader("X-Forwarded-For", address).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Api.Reply delete(int instance, String path, String token) {
        return Api.send(at(instance, path, token).DELETE().build());
    }

    /** The instance's process, from the pid file Payara keeps in its folder. */
    static long pid(int instance) {
        try {
            return Long.parseLong(Files.readString(Path.of(NODE_DIR, NAMES.get(instance), "config", "pid")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no pid file for " + NAMES.get(instance), e);
        }
    }

    /** kill -9: the instance dies with whatever it had in flight. */
    static void kill(int instance) {
        long pid = pid(instance);
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** An orderly stop, as a rolling restart does: out of nginx first ({@code ./spark cluster stop}). */
    static void stop(int instance) {
        operator("stop", NAMES.get(instance));
    }

    /** Started again ({@code ./spark cluster start}): nginx sends it requests once its application is ready. */
    static void start(int instance) {
        operator("start", NAMES.get(instance));
        awaitReady(instance, Duration.ofMinutes(10));
    }

    /** server-config/cluster.sh with this cluster's settings, as an operator runs it. */
    private static void operator(String... command) {
        List<String> full = new ArrayList<>(List.of("env", "CLUSTER_DOMAIN=" + System.getProperty("spark.cluster.domain"),
                "CLUSTER_PORTBASE=" + Integer.getInteger("spark.cluster.portbase", 21100),
                "INSTANCE_PORTBASE=" + Integer.getInteger("spark.cluster.instancePortbase", 21200),
                "NGINX_PORT=" + URI.create(Api.BASE).getPort(), System.getProperty("spark.cluster.script")));
        full.addAll(List.of(command));
        Commands.run(full, "cluster.sh " + String.join(" ", command), Duration.ofMinutes(15));
    }

    static boolean ready(int instance) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(URLS.get(instance) + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void awaitReady(int instance, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (ready(instance)) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException(NAMES.get(instance) + " was not ready within " + within);
    }

    static String asadmin(String... command) {
        List<String> full = new ArrayList<>(List.of(Path.of(HOME, "bin", "asadmin").toString(), "--port", ADMIN_PORT, "--interactive=false"));
        full.addAll(List.of(command));
        return Commands.run(full, "asadmin " + String.join(" ", command), Duration.ofMinutes(5));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
