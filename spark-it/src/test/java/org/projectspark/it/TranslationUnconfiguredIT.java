package org.projectspark.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server without TRANSLATION_API_KEY: a second instance of the test domain, running the same EAR on the same
 * database, started with the key removed from its environment, as a server installed without it. (An empty value would
 * not do: MicroProfile Config takes it as missing and falls through to the next source.) Asking it for a translation
 * is a clear 503 problem; everything else it serves as usual, translation's reading calls included.
 */
@ExtendWith(ArquillianExtension.class)
class TranslationUnconfiguredIT extends DeployedEar {

    private static PeerInstance peer;

    @BeforeAll
    static void aServerWithoutTheKey() {
        peer = PeerInstance.startWithout(Set.of("TRANSLATION_API_KEY"));
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void askingForATranslationIsA503ProblemAndTheRestWorks() {
        Fixtures.Member author = Fixtures.Member.of(Api.newTeacher());
        Api.Reply created = Api.post("/api/v1/courses", CurriculumIT.COURSE, author.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String course = created.json().getString("id");
        // authoring works on the peer
        assertThat(onPeer("PUT", "/api/v1/courses/" + course, CurriculumIT.COURSE, author.token()).status()).isEqualTo(200);
        assertThat(onPeer("POST", "/api/v1/courses/" + course + "/publish", null, author.token()).status()).isEqualTo(200);

        Api.Reply refused = onPeer("POST", "/api/v1/courses/" + course + "/translations", "{\"locale\":\"fr\"}", author.token());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).endsWith("/translation-unavailable");
        assertThat(refused.json().getString("detail")).contains("TRANSLATION_API_KEY").doesNotContain("Exception");
        assertThat(refused.json().getInt("status")).isEqualTo(503);

        // the same request on the domain's server, which has the key, is taken: the difference is the setting alone
        assertThat(Api.post("/api/v1/courses/" + course + "/translations", "{\"locale\":\"fr\"}", author.token()).status()).isEqualTo(202);

        // everything else answers on the peer: health, signing in, courses, a translation's drafts, files
        assertThat(onPeer("GET", "/health/ready", null, null).status()).isEqualTo(200);
        Api.Reply me = onPeer("GET", "/api/v1/users/me", null, author.token());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(onPeer("GET", "/api/v1/courses/" + course, null, author.token()).status()).isEqualTo(200);
        assertThat(onPeer("GET", "/api/v1/courses/" + course + "/translations/fr", null, author.token()).status()).isEqualTo(200);
        assertThat(onPeer("GET", "/api/v1/files/" + java.util.UUID.randomUUID(), null, author.token()).status()).isEqualTo(404);
    }

    private static Api.Reply onPeer(String method, String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(peer.baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", Api.freshAddress());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return Api.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
