package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own security headers on every kind of answer (not only behind nginx), and CORS for the web
 * client's origin (CLIENT_URL, the default http://localhost:5173 here) and no other.
 */
@ExtendWith(ArquillianExtension.class)
class HardeningIT extends DeployedEar {

    private static final String CLIENT = "http://localhost:5173";
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static void hasSecurityHeaders(Api.Reply r, String what) {
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.raw().headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(r.raw().headers().allValues("Content-Security-Policy")).as(what).hasSize(1);
        assertThat(r.header("X-XSS-Protection")).as(what + ": obsolete, never sent").isNull();
        // SPARK_ENV=test: the server may be reached over plain HTTP, so no HSTS
        assertThat(r.header("Strict-Transport-Security")).as(what).isNull();
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        JsonObject login = Api.newStudent();
        String token = login.getString("accessToken");
        Api.Reply me = Api.get("/api/v1/users/me", token);
        Api.Reply held = Api.get("/api/v1/users/me", token); // a repeated read may be answered before JAX-RS
        List<Api.Reply> answers = List.of(me, held,
                Api.get("/api/v1/users/me", null),                     // 401 problem
                Api.get("/api/v1/no-such-resource", token),             // 404 from JAX-RS
                Api.get("/no-such-page", null),                         // 404 from the container's error page
                Api.post("/api/v1/auth/login", "{not json", null),      // 400 problem
                Api.get("/api/v1/unsubscribe?token=not-a-token", null), // 400 where a valid link gets a page
                Api.get("/health/ready", null),                         // the health servlet
                Api.get("/api/v1/health", null));
        for (Api.Reply r : answers) {
            hasSecurityHeaders(r, r.raw().request().method() + " " + r.raw().uri().getPath() + " -> " + r.status());
            assertThat(r.header("Content-Security-Policy")).isEqualTo(API_POLICY);
        }
        assertThat(me.status()).isEqualTo(200);
        assertThat(held.status()).isEqualTo(200);
    }

    @Test
    void corsAnswersTheClientsOriginOnly() {
        JsonObject login = Api.newStudent();
        String token = login.getString("accessToken");

        Api.Reply fromClient = Api.send(Api.request("/api/v1/users/me", token).header("Origin", CLIENT).GET().build());
        assertThat(fromClient.status()).isEqualTo(200);
        assertThat(fromClient.header("Access-Control-Allow-Origin")).isEqualTo(CLIENT);
        assertThat(fromClient.raw().headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));

        for (String foreign : List.of("https://evil.example", "http://localhost:5174", "null", CLIENT + ".evil.example")) {
            Api.Reply other = Api.send(Api.request("/api/v1/users/me", token).header("Origin", foreign).GET().build());
            assertThat(other.status()).as(foreign).isEqualTo(200); // the server answers; the browser withholds it
            assertThat(other.header("Access-Control-Allow-Origin")).as(foreign).isNull();
            assertThat(other.header("Access-Control-Allow-Credentials")).as(foreign).isNull();
            hasSecurityHeaders(other, foreign);
        }
    }

    @Test
    void aPreflightIsGrantedToTheClientAndRefusedToOthers() {
        HttpRequest.Builder client = Api.request("/api/v1/users/me", null).header("Origin", CLIENT)
                .header("Access-Control-Request-Method", "PATCH").method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        Api.Reply granted = Api.send(client.build());
        assertThat(granted.status()).isEqualTo(204);
        assertThat(granted.header("Access-Control-Allow-Origin")).isEqualTo(CLIENT);
        assertThat(granted.header("Access-Control-Allow-Methods")).contains("PATCH");
        hasSecurityHeaders(granted, "preflight");

        Api.Reply refused = Api.send(Api.request("/api/v1/users/me", null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PATCH").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.header("Access-Control-Allow-Methods")).isNull();
    }
}
