package org.projectspark.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for the black-box tests: real requests to the deployed EAR. */
final class Api {

    static final String BASE = System.getProperty("spark.baseUrl", "http://localhost:20080");
    /** How long a request may wait for its answer (longer for the cluster tests, whose machine runs three servers). */
    static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("spark.requestTimeoutSeconds", 30));
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            // HTTP/1.1 as a device behind nginx speaks it: Payara's cleartext h2c upgrade resets requests with bodies
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {
    }

    /** Each test acts from its own client address (the test domain trusts 127.0.0.1 as a proxy). */
    static String freshAddress() {
        UUID u = UUID.randomUUID();
        return "10." + (Math.abs(u.getMostSignificantBits()) % 250) + "." + (Math.abs(u.getLeastSignificantBits()) % 250) + "." + (1 + Math.abs(u.hashCode()) % 250);
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    static Reply post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Reply postFrom(String address, String path, String json) {
        return send(request(path, null, address).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Reply patch(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request the server answers by closing its connection (a request line too long for the container): sent on a
     * connection of its own, so the shared client does not reuse the closed one for the next request.
     */
    static Reply sendAlone(HttpRequest request) {
        HttpClient alone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = alone.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request whose answer is bytes (files). */
    static HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(String path, String token) {
        return request(path, token, freshAddress());
    }

    static HttpRequest.Builder request(String path, String token, String address) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(TIMEOUT)
                .header("X-Forwarded-For", address);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Registers a student and signs them in; returns the login answer. */
    static JsonObject newStudent() {
        String name = uniqueName("stu");
        Reply r = post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"password\":\"a good password\",\"displayName\":\"Student " + name + "\"}", null);
        if (r.status() != 201) {
            throw new IllegalStateException("register failed: " + r);
        }
        return login(name, "a good password").json();
    }

    static Reply login(String username, String password) {
        return post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
    }

    static Reply put(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    private static String adminToken;

    /** The test domain's Redis (a database of its own, {@code spark.redisUrl}), for tests that look at or disturb it. */
    static redis.clients.jedis.JedisPooled redis() {
        return new redis.clients.jedis.JedisPooled(java.net.URI.create(System.getProperty("spark.redisUrl", "redis://localhost:6379/1")));
    }

    /** The first admin (ADMIN_USERNAME/ADMIN_PASSWORD of the test domain), signed in once per test JVM. */
    static synchronized String adminToken() {
        if (adminToken == null) {
            try (redis.clients.jedis.JedisPooled redis = redis()) {
                // earlier runs within the window count too
                redis.keys("spark:rl:login-*:spark-admin*").forEach(redis::del);
            }
            Reply login = login("spark-admin", System.getProperty("spark.adminPassword"));
            if (login.status() != 200) {
                throw new IllegalStateException("admin sign-in failed: " + login);
            }
            adminToken = login.json().getString("accessToken");
        }
        return adminToken;
    }

    /** A new user with the TEACHER role (granted by the admin), signed in again so the token carries it. */
    static JsonObject newTeacher() {
        JsonObject student = newStudent();
        String id = student.getJsonObject("user").getString("id");
        Reply granted = post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"TEACHER\"}", adminToken());
        if (granted.status() != 200) {
            throw new IllegalStateException("grant failed: " + granted);
        }
        return login(student.getJsonObject("user").getString("username"), "a good password").json();
    }

    /** An HTTP answer. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
