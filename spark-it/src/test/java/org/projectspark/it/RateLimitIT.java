package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits kept in Redis: wrong passwords per account and address, per account, per address; and the general API limit. */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT extends DeployedEar {

    private static void assertLimited(Api.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 900L);
    }

    private static String loginBody(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    /** A class of 40 behind their school's one address: each mistypes once, then types the right password. */
    @Test
    void aClassBehindOneAddressWhoEachMistypeOnceAreAllSignedIn() throws Exception {
        String school = Api.freshAddress();
        List<String> names = parallel(40, i -> registered().getString("username"));
        List<Integer> typos = parallel(40, i -> Api.postFrom(school, "/api/v1/auth/login", loginBody(names.get(i), "a typo password")).status());
        assertThat(typos).containsOnly(401);
        List<Integer> signIns = parallel(40, i -> Api.postFrom(school, "/api/v1/auth/login", loginBody(names.get(i), "a good password")).status());
        assertThat(signIns).as("every student of the class signed in").containsOnly(200);
    }

    /** AUTH_RATE_LIMIT_MAX=5 per account and address: three tries at once, then slowed, and the right password waits too. */
    @Test
    void guessingOneAccountFromOneAddressSlowsThenStops() {
        String name = registered().getString("username");
        String attacker = Api.freshAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(Api.postFrom(attacker, "/api/v1/auth/login", loginBody(name, "guess " + i)).status()).isEqualTo(401);
        }
        Api.Reply slowed = Api.postFrom(attacker, "/api/v1/auth/login", loginBody(name, "guess 3"));
        assertLimited(slowed);
        // slowed, not locked for the whole window: the next try comes back after window / max
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isBetween(1L, 180L);
        assertLimited(Api.postFrom(attacker, "/api/v1/auth/login", loginBody(name, "a good password")));
        // the student at school (another address) is not locked out by the guessing
        assertThat(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", loginBody(name, "a good password")).status()).isEqualTo(200);
    }

    /** AUTH_ACCOUNT_RATE_LIMIT_MAX=20: guesses on one account spread over many addresses are stopped after ten at once. */
    @Test
    void guessingOneAccountFromManyAddressesIsStopped() {
        String name = registered().getString("username");
        for (int i = 0; i < 10; i++) {
            assertThat(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", loginBody(name, "guess " + i)).status()).isEqualTo(401);
        }
        assertLimited(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", loginBody(name, "guess 10")));
        assertLimited(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", loginBody(name, "a good password")));
    }

    /**
     * AUTH_ADDRESS_RATE_LIMIT_MAX=200: one address spraying a password over many accounts gets 100 tries at once, then one
     * every 4.5 s (window / max), and is refused in between.
     */
    @Test
    void sprayingManyAccountsFromOneAddressIsStopped() throws Exception {
        String sprayer = Api.freshAddress();
        long started = System.nanoTime();
        List<Integer> answers = parallel(140, i -> Api.postFrom(sprayer, "/api/v1/auth/login", loginBody(Api.uniqueName("victim"), "Password1")).status());
        double seconds = (System.nanoTime() - started) / 1e9;
        long tried = answers.stream().filter(s -> s == 401).count();
        assertThat(answers).containsOnly(401, 429).contains(429);
        assertThat(tried).as("passwords tried in %.1f s", seconds).isBetween(100L, 100L + (long) Math.ceil(seconds / 4.5) + 1);
        // the accounts themselves are untouched: their students sign in from their own addresses
        String real = registered().getString("username");
        assertThat(Api.postFrom(Api.freshAddress(), "/api/v1/auth/login", loginBody(real, "a good password")).status()).isEqualTo(200);
    }

    private static <T> List<T> parallel(int n, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
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
