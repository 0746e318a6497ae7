package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits kept in Redis: sign-in attempts per account and per address, and the general API limit. */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT extends DeployedEar {

    private static void assertLimited(Api.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void theSixthFastLoginAttemptOnAnAccountIs429() {
        String name = Api.uniqueName("target");
        Api.post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"password\":\"a good password\",\"displayName\":\"T\"}", null);
        for (int i = 0; i < 5; i++) {
            // each attempt from another address: the account's own limit is what stops the sixth
            assertThat(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"guess " + i + "\"}").status())
                    .isEqualTo(401);
        }
        assertLimited(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"a good password\"}"));
    }

    @Test
    void anAddressThatKeepsFailingIsStoppedButGoodSignInsFromASchoolAreNot() {
        String school = Api.freshAddress();
        for (int i = 0; i < 8; i++) {
            JsonObject s = registered();
            Api.Reply ok = Api.postFrom(school, "/api/v1/auth/login",
                    "{\"username\":\"" + s.getString("username") + "\",\"password\":\"a good password\"}");
            assertThat(ok.status()).as("student %d of a school behind one address", i).isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(Api.postFrom(school, "/api/v1/auth/login", "{\"username\":\"" + Api.uniqueName("ghost") + "\",\"password\":\"x\"}").status())
                    .isEqualTo(401);
        }
        assertLimited(Api.postFrom(school, "/api/v1/auth/login", "{\"username\":\"" + Api.uniqueName("ghost") + "\",\"password\":\"x\"}"));
    }

    @Test
    void theGeneralApiLimitAppliesPerUser() {
        String token = Api.newStudent().getString("accessToken");
        int max = Integer.parseInt(System.getProperty("spark.rateLimitMax"));
        Api.Reply last = null;
        for (int i = 0; i < max; i++) {
            last = Api.get("/api/v1/users/me", token);
            assertThat(last.status()).isEqualTo(200);
        }
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        assertLimited(Api.get("/api/v1/users/me", token));
        // another user is not affected
        assertThat(Api.get("/api/v1/users/me", Api.newStudent().getString("accessToken")).status()).isEqualTo(200);
    }

    private static JsonObject registered() {
        String name = Api.uniqueName("pupil");
        Api.Reply r = Api.post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"password\":\"a good password\",\"displayName\":\"P\"}", null);
        assertThat(r.status()).isEqualTo(201);
        return r.json();
    }
}
