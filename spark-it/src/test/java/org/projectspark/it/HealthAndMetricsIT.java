package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's MicroProfile Health and Metrics, and the detailed health document. */
@ExtendWith(ArquillianExtension.class)
class HealthAndMetricsIT extends DeployedEar {

    @Test
    void loadBalancerHealthIsUpWithTheDatabaseInReadiness() {
        Api.Reply health = Api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        Api.Reply ready = Api.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"redis\"", "{\"name\":\"application\",\"status\":\"UP\",\"data\":{\"phase\":\"started\"}}");
        Api.Reply started = Api.get("/health/started", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).contains("\"application\"").doesNotContain("\"database\"");
        Api.Reply live = Api.get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).doesNotContain("\"database\"");
    }

    @Test
    void theDetailedHealthDocumentHasTheGuidesShape() {
        Api.Reply r = Api.get("/api/v1/health", null);
        assertThat(r.status()).isEqualTo(200);
        JsonObject doc = r.json();
        assertThat(doc.getString("status")).isEqualTo("healthy");
        assertThat(doc.getString("timestamp")).isNotBlank();
        assertThat(doc.getString("environment")).isEqualTo("green");
        assertThat(doc.getString("version")).isNotBlank();
        JsonObject services = doc.getJsonObject("services");
        assertThat(services.getJsonObject("database").getString("status")).isEqualTo("healthy");
        assertThat(services.getJsonObject("database").getJsonNumber("responseTime").doubleValue()).isPositive();
        assertThat(services.getJsonObject("database").getInt("activeConnections")).isPositive();
        assertThat(services.getJsonObject("redis").getString("status")).isEqualTo("healthy");
        assertThat(services.keySet()).contains("external", "system");
        JsonObject metrics = doc.getJsonObject("metrics");
        assertThat(metrics.keySet()).contains("uptime", "memory", "cpu", "gc");
        assertThat(metrics.getJsonObject("memory").getInt("used")).isPositive();
    }

    /**
     * Every instance drops its copies of what changed through Payara's Data Grid: a change here is announced on the
     * grid's topic and heard back (by this instance, and by any other of the cluster).
     */
    @Test
    void aChangeIsAnnouncedOnTheDataGridAndHeardBack() throws InterruptedException {
        JsonObject grid = Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("dataGrid");
        assertThat(grid.getString("status")).isEqualTo("healthy");
        assertThat(grid.getInt("members")).isGreaterThanOrEqualTo(1);
        long before = grid.getJsonNumber("dropsHeard").longValue();

        String token = Api.newStudent().getString("accessToken");
        assertThat(Api.get("/api/v1/users/me", token).status()).isEqualTo(200); // a copy of /users/me on this instance
        assertThat(Api.patch("/api/v1/users/me", "{\"displayName\":\"Heard Everywhere\"}", token).status()).isEqualTo(200);

        long heard = before;
        for (int i = 0; i < 50 && heard == before; i++) {
            Thread.sleep(100);
            heard = Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("dataGrid")
                    .getJsonNumber("dropsHeard").longValue();
        }
        assertThat(heard).as("drops heard on the Data Grid after a profile change").isGreaterThan(before);
        assertThat(Api.get("/api/v1/users/me", token).json().getString("displayName")).isEqualTo("Heard Everywhere");
    }

    @Test
    void requestsAreCountedPerRouteTemplateAndStatus() {
        String token = Api.newStudent().getString("accessToken");
        Api.get("/api/v1/users/me", token);
        Api.get("/api/v1/no-such-thing", null);
        Api.Reply metrics = Api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        assertThat(text).containsPattern("http_requests_total\\{[^}]*method=\"GET\"[^}]*route=\"/api/v1/users/me\"[^}]*status=\"200\"");
        assertThat(text).containsPattern("http_requests_total\\{[^}]*route=\"/api/v1/auth/register\"[^}]*status=\"201\"");
        assertThat(text).containsPattern("http_requests_total\\{[^}]*route=\"UNMATCHED\"[^}]*status=\"404\"");
        assertThat(text).containsPattern("http_request_duration_milliseconds_count\\{[^}]*route=\"/api/v1/users/me\"");
        // raw paths with ids never become labels
        assertThat(text).doesNotContainPattern("route=\"/api/v1/admin/users/[0-9a-f]{8}-");
    }
}
