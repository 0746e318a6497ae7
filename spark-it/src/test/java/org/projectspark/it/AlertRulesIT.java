package org.projectspark.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules in server-config/prometheus/rules/spark.yml and the Grafana dashboard name only metrics this server
 * serves, and the latency
 * histogram they use is a real Prometheus histogram (cumulative buckets in seconds, counting every request).
 */
@ExtendWith(ArquillianExtension.class)
class AlertRulesIT extends DeployedEar {

    private static final Path RULES = Path.of("..", "server-config", "prometheus", "rules", "spark.yml");
    private static final Path DASHBOARD = Path.of("..", "server-config", "grafana", "spark-dashboard.json");
    /** Made by Prometheus itself, not by the server it scrapes. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");

    @Test
    void everyMetricARuleNamesIsServed() throws IOException {
        Set<String> served = served();
        Set<String> named = metricsNamedIn(Files.readString(RULES));
        assertThat(named).as("metrics named in %s", RULES).contains("http_requests_total",
                "http_request_duration_seconds_bucket", "memory_usedHeap_bytes", "sync_sessions_last_hour",
                "maintenance_last_success", "notification_outbox_depth", "redis_reachable", "database_connections_active");
        named.removeAll(PROMETHEUS_OWN);
        assertThat(served).as("metrics served at /metrics").containsAll(named);
    }

    @Test
    void everyMetricTheDashboardShowsIsServed() throws IOException {
        Set<String> served = served();
        Set<String> named = new TreeSet<>();
        Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(Files.readString(DASHBOARD));
        while (expr.find()) {
            named.addAll(metricsIn(expr.group(1).replace("\\\"", "\"")));
        }
        assertThat(named).as("metrics on the dashboard").contains("http_request_duration_seconds_bucket", "sync_sessions_last_hour");
        named.removeAll(PROMETHEUS_OWN);
        assertThat(served).as("metrics served at /metrics").containsAll(named);
    }

    private static Set<String> served() {
        Api.get("/api/v1/users/me", Api.newStudent().getString("accessToken")); // request metrics exist after a request
        Set<String> served = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(Api.get("/metrics", null).body());
        while (m.find()) {
            served.add(m.group(1));
        }
        return served;
    }

    @Test
    void latencyIsAPrometheusHistogramInSeconds() {
        String token = Api.newStudent().getString("accessToken");
        Api.get("/api/v1/users/me", token);
        long before = count(Api.get("/metrics", null).body());
        for (int i = 0; i < 5; i++) {
            Api.get("/api/v1/users/me", token);
        }
        String text = Api.get("/metrics", null).body();
        assertThat(count(text)).as("requests counted").isEqualTo(before + 5);
        List<Double> bounds = new ArrayList<>();
        List<Long> cumulative = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^http_request_duration_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*route=\"/api/v1/users/me\"[^}]*} ([0-9.E]+)$")
                .matcher(text);
        while (m.find()) {
            bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
            cumulative.add((long) Double.parseDouble(m.group(2)));
        }
        assertThat(bounds).as("bucket bounds in seconds").contains(0.005, 0.1, 1.0, 10.0, Double.POSITIVE_INFINITY);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(bounds.get(a), bounds.get(b)));
        for (int i = 1; i < order.size(); i++) {
            assertThat(cumulative.get(order.get(i))).as("cumulative at le=%s", bounds.get(order.get(i)))
                    .isGreaterThanOrEqualTo(cumulative.get(order.get(i - 1)));
        }
        assertThat(cumulative.get(order.get(order.size() - 1))).as("+Inf bucket = count").isEqualTo(before + 5);
    }

    private static long count(String metrics) {
        Matcher m = Pattern.compile("(?m)^http_request_duration_seconds_count\\{[^}]*route=\"/api/v1/users/me\"[^}]*} ([0-9.E]+)$").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** The metric names in the rules' expressions (one line, or a folded block up to for: or labels:). */
    static Set<String> metricsNamedIn(String rules) {
        Set<String> names = new TreeSet<>();
        Matcher expr = Pattern.compile("(?ms)^\\s+expr: (>\\s*\\n(.*?)(?=^\\s+for:|^\\s+labels:)|([^\\n]*))").matcher(rules);
        while (expr.find()) {
            names.addAll(metricsIn(expr.group(2) != null ? expr.group(2) : expr.group(3)));
        }
        return names;
    }

    /** Identifiers of an expression that are not functions, keywords, label names or values, ranges or numbers. */
    static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        String e = expression.replaceAll("\"[^\"]*\"", "\"\"")                     // label values
                .replaceAll("\\{[^}]*}", "")                                      // label matchers
                .replaceAll("\\[[^]]*]", "")                                      // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", ""); // label lists
        Matcher id = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(e);
        while (id.find()) {
            if (!PROMQL_WORDS.contains(id.group(1).toLowerCase())) {
                names.add(id.group(1));
            }
        }
        return names;
    }
}
