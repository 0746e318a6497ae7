package org.projectspark.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A second server for cross-instance tests: a standalone instance of the test domain (same PostgreSQL and Redis,
 * the domain's Data Grid on loopback, see spark-it/pom.xml) on ports of its own (the domain's port base + 200), with
 * the EAR Arquillian deployed to the domain's server referenced on it as well. Made by asadmin, as an operator would;
 * a leftover of an interrupted run is removed first.
 */
final class PeerInstance implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeerInstance.class.getName());
    static final String NAME = "spark-ws-peer";
    /** The node create-domain makes for the test domain's own machine. */
    private static final String NODE = "localhost-spark-test";
    /** Longer than start-local-instance's own wait ({@link #START_SECONDS}). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(11);
    /** start-local-instance waits 120 s by default; a machine busy with other builds takes several minutes to load the EAR. */
    private static final int START_SECONDS = 600;

    private final List<String> asadmin;
    private final String application;
    final String baseUrl;

    private PeerInstance(List<String> asadmin, String application, String baseUrl) {
        this.asadmin = asadmin;
        this.application = application;
        this.baseUrl = baseUrl;
    }

    static PeerInstance start() {
        return startWithout(Set.of());
    }

    /**
     * A peer whose environment lacks the settings {@code unset} the domain's server has: the peer runs as a server
     * installed without them. The instance is started from here (start-local-instance, which synchronises it with the
     * domain first), not by the domain's server, whose environment an instance it starts would inherit.
     */
    static PeerInstance startWithout(Set<String> unset) {
        String home = System.getProperty("spark.payaraHome");
        String adminPort = System.getProperty("spark.adminPort");
        int portbase = Integer.parseInt(System.getProperty("spark.portbase")) + 200;
        List<String> asadmin = List.of(Path.of(home, "bin", "asadmin").toString(), "--port", adminPort, "--interactive=false");
        String application = applicationOnServer(asadmin);
        PeerInstance peer = new PeerInstance(asadmin, application, "http://localhost:" + (portbase + 80));
        peer.removeLeftover();
        try {
            run(asadmin, "create-instance", "--node", NODE, "--portbase", String.valueOf(portbase), NAME);
            String config = "configs.config." + NAME + "-config.";
            // an instance's EJB timer store defaults to the embedded database, which only the domain's server has: the
            // application's (non-persistent) timers need the timer service up, so the store is the Data Grid's
            run(asadmin, "set", config + "ejb-container.ejb-timer-service.ejb-timer-service=DataGrid");
            // its Data Grid port among its own, not Payara's default 5900
            run(asadmin, "set", config + "hazelcast-config-specific-configuration.config-specific-data-grid-start-port=" + (portbase + 59));
            run(asadmin, "delete-jvm-options", "--target", NAME + "-config", "-Xmx512m");
            run(asadmin, "create-jvm-options", "--target", NAME + "-config", "-Xmx768m");
            run(asadmin, "create-resource-ref", "--target", NAME, "jdbc/spark");
            run(asadmin, "create-resource-ref", "--target", NAME, "jdbc/spark-read");
            // referenced before it starts: the instance loads the application with its first synchronisation
            run(asadmin, "create-application-ref", "--target", NAME, application);
            List<String> start = new ArrayList<>(asadmin);
            start.addAll(List.of("start-local-instance", "--node", NODE, "--timeout", String.valueOf(START_SECONDS), NAME));
            Commands.run(start, unset, "asadmin start-local-instance " + NAME, COMMAND_TIMEOUT);
            peer.awaitReady(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            peer.close(); // never leave an application reference behind: Arquillian could not undeploy the EAR
            throw e;
        }
        return peer;
    }

    /** The application Arquillian deployed on the domain's server (the EAR, named after its file). */
    private static String applicationOnServer(List<String> asadmin) {
        for (String line : run(asadmin, "list-applications", "--long=false", "server").split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (name.startsWith("spark")) {
                return name;
            }
        }
        throw new IllegalStateException("no spark application deployed on the test domain's server");
    }

    private void removeLeftover() {
        if (run(asadmin, "list-instances").contains(NAME)) {
            LOG.info("Removing the peer instance left by an earlier run");
            close();
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long until = System.nanoTime() + within.toNanos();
        String last = "nothing";
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        throw new IllegalStateException("the peer instance at " + baseUrl + " was not ready within " + within + ": " + last);
    }

    /** Takes the instance down and away; each step is tried even when an earlier one failed. */
    @Override
    public void close() {
        tryRun("delete-application-ref", "--target", NAME, application);
        tryRun("stop-instance", "--kill=true", NAME);
        tryRun("delete-instance", NAME);
    }

    private void tryRun(String... command) {
        try {
            run(asadmin, command);
        } catch (RuntimeException e) {
            LOG.warning(e.getMessage());
        }
    }

    private static String run(List<String> asadmin, String... command) {
        List<String> full = new ArrayList<>(asadmin);
        full.addAll(List.of(command));
        return Commands.run(full, "asadmin " + String.join(" ", command), COMMAND_TIMEOUT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
