package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input sent to every operation the EAR exposes (read from its classes by {@link ApiSurface}, so a new endpoint
 * is swept as soon as it exists): ids that are not ids, numbers that do not parse or overflow, flags that are not
 * flags, bodies that are not JSON, of the wrong shape, with each field of the wrong type, empty, oversized, and
 * broken CSV. Every answer must be a 4xx problem+json whose detail names no Java class and no server product; none
 * may be a 5xx, and no refused input may be accepted.
 */
@ExtendWith(ArquillianExtension.class)
class EdgeSweepIT extends DeployedEar {

    /** Words of our code or the server's, never of the request. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)\\b(java|jakarta|javax|org\\.projectspark|org\\.glassfish|org\\.eclipse|fish\\.payara|yasson|parsson)\\.|"
                    + "\\bclass [a-z_]+\\.|\\binterface [a-z_]+\\.|exception\\b|incorrect position|payara|glassfish|line no=");

    private static List<ApiSurface.Operation> operations;
    private static String token;
    private static int remaining;

    @BeforeAll
    static void readTheSurface() {
        operations = ApiSurface.of(new File(System.getProperty("spark.ear", "../spark-ear/target/spark-ear.ear")));
    }

    /** A probe: what to send, and whether the server may accept it (an optional body left out may be fine). */
    private record Probe(String what, String method, String path, String contentType, String body, boolean mustRefuse) {
    }

    @Test
    void theSurfaceIsTheWholeApi() {
        assertThat(operations).hasSizeGreaterThan(50);
        assertThat(operations).extracting(Object::toString)
                .contains("POST /api/v1/auth/login", "GET /api/v1/courses", "POST /api/v1/classes/{id}/roster", "POST /api/v1/sync/events");
    }

    @Test
    void everyOperationRefusesBadInputWithAProblemInTheRequestsWords() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ApiSurface.Operation op : operations) {
            for (Probe probe : probes(op)) {
                Api.Reply r = send(probe);
                sent++;
                String failure = judge(probe, r);
                if (failure != null) {
                    failures.add(probe.method() + " " + probe.path() + " [" + probe.what() + "]: " + failure);
                }
            }
        }
        assertThat(sent).as("probes sent").isGreaterThan(500);
        assertThat(failures).as("answers that broke the rules, of %d probes", sent).isEmpty();
    }

    private static String judge(Probe probe, Api.Reply r) {
        if (r.status() == 429) {
            return "rate-limited: the sweep itself went wrong";
        }
        if (r.status() >= 500) {
            return r.status() + " " + r.body();
        }
        for (String header : List.of("Server", "X-Powered-By")) {
            String value = r.header(header);
            if (value != null && INTERNALS.matcher(value).find()) {
                return header + ": " + value;
            }
        }
        if (r.status() < 400) {
            return probe.mustRefuse() ? "accepted (" + r.status() + ")" : null;
        }
        String type = r.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return r.status() + " answered as " + type + ": " + r.body();
        }
        JsonObject problem;
        try {
            problem = r.json();
        } catch (RuntimeException e) {
            return "a problem that is not JSON: " + r.body();
        }
        if (problem.getInt("status", 0) != r.status() || !problem.containsKey("detail") || !problem.containsKey("type")) {
            return "not a whole problem document: " + r.body();
        }
        if (INTERNALS.matcher(r.body()).find()) {
            return "names internals: " + r.body();
        }
        return null;
    }

    private static List<Probe> probes(ApiSurface.Operation op) {
        List<Probe> probes = new ArrayList<>();
        String path = fill(op, null, null);
        for (ApiSurface.Param p : op.params()) {
            for (String bad : badValues(p)) {
                String target = p.inPath() ? fill(op, p.name(), bad) : path + "?" + p.name() + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8);
                // a free-text value or an empty one may be a fine request; a number, flag or id that does not parse is not
                boolean mustRefuse = p.type() != String.class && !bad.isEmpty();
                probes.add(new Probe(p.name() + "=" + shorten(bad), op.method(), target, null, null, mustRefuse));
            }
        }
        if (op.body() != null) {
            boolean csv = op.consumes().stream().anyMatch(c -> c.contains("csv"));
            String contentType = csv ? "text/csv" : "application/json";
            probes.add(new Probe("empty body", op.method(), path, contentType, "", false));
            probes.add(new Probe("oversized body", op.method(), path, contentType, "{\"x\":\"" + "a".repeat(70_000) + "\"}", true));
            if (csv) {
                for (String bad : List.of("\"username,display_name\nana,Ana", "username,display_name\n\"ana,Ana\nbob,Bob",
                        "username,display_name\nana\"x,\"Ana\"y", "\u0000\u0001\u0002binary", "username,username\nana,ana")) {
                    probes.add(new Probe("csv " + shorten(bad), op.method(), path, contentType, bad, true));
                }
            } else {
                for (String bad : List.of("not json", "{", "{\"a\":", "[]", "123", "\"text\"", "{} {}", "[".repeat(5_000),
                        "{\"unknownField\": 1}", "{\"a\":1,\"a\":2,", "\uFFFF")) {
                    probes.add(new Probe("body " + shorten(bad), op.method(), path, contentType, bad, true));
                }
                probes.add(new Probe("body null", op.method(), path, contentType, "null", false));
                if (op.body() != null && op.body().isRecord()) {
                    for (Map.Entry<String, String> field : wrongFields(op.body()).entrySet()) {
                        probes.add(new Probe("field " + field.getKey(), op.method(), path, contentType, field.getValue(), true));
                    }
                }
            }
        }
        return probes;
    }

    /** For each field of the record, bodies where it holds a value of another type or out of its type's range. */
    private static Map<String, String> wrongFields(Class<?> record) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            Class<?> t = c.getType();
            List<String> values;
            if (t == String.class) {
                values = List.of("12345", "true", "[]", "{}");
            } else if (t == int.class || t == Integer.class) {
                values = new ArrayList<>(List.of("\"50\"", "1000000000000", "1.5", "true"));
                // out of the range the field declares, where it declares one
                jakarta.validation.constraints.Min min = c.getAccessor().getAnnotation(jakarta.validation.constraints.Min.class);
                jakarta.validation.constraints.Max max = c.getAccessor().getAnnotation(jakarta.validation.constraints.Max.class);
                if (min != null) {
                    values.add(String.valueOf(min.value() - 1));
                }
                if (max != null) {
                    values.add(String.valueOf(max.value() + 1));
                }
            } else if (t == long.class || t == Long.class) {
                values = List.of("\"50\"", "99999999999999999999", "1e999999999", "1.5");
            } else if (t == double.class || t == Double.class) {
                values = List.of("\"1.5\"", "true", "[]");
            } else if (t == boolean.class || t == Boolean.class) {
                values = List.of("\"yes\"", "1");
            } else if (t == UUID.class) {
                values = List.of("\"not-an-id\"", "123");
            } else if (t.isEnum()) {
                values = List.of("\"NOPE\"", "1");
            } else if (Collection.class.isAssignableFrom(t)) {
                values = List.of("{}", "\"x\"", listOfWrongElements(c));
            } else if (Map.class.isAssignableFrom(t)) {
                values = List.of("[]", "\"x\"", "{\"en\": 5}");
            } else if (t == OffsetDateTime.class) {
                values = List.of("\"yesterday\"", "123");
            } else if (t.isRecord()) {
                values = List.of("\"x\"", "[]", "{\"unknownField\": 1}");
            } else {
                values = List.of("[[[]]]");
            }
            for (String v : values) {
                bodies.put(c.getName() + "=" + v, "{\"" + c.getName() + "\": " + v + "}");
            }
        }
        return bodies;
    }

    private static String listOfWrongElements(RecordComponent c) {
        if (c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            return "[1, 2]";
        }
        return "[\"x\", 1]";
    }

    private static List<String> badValues(ApiSurface.Param p) {
        Class<?> t = p.type();
        if (t == UUID.class) {
            return List.of("not-an-id", "12345", "5c400001-0000-4000-8000-00000000000g", "..%2F..%2Fetc%2Fpasswd");
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            List<String> values = new ArrayList<>(List.of("abc", "99999999999999999999", "1.5", "-99999999999999999999", ""));
            if (p.min() != null) {
                values.add(String.valueOf(p.min() - 1));
            }
            if (p.max() != null) {
                values.add(String.valueOf(p.max() + 1));
            }
            return values;
        }
        if (t == boolean.class || t == Boolean.class) {
            return List.of("maybe", "1");
        }
        if (t.isEnum()) {
            return List.of("NOPE");
        }
        return List.of("x".repeat(5_000));
    }

    /** The path with each placeholder filled: the template's own sample, a fresh id for ids, a word for names; {@code name} gets {@code value}. */
    private static String fill(ApiSurface.Operation op, String name, String value) {
        String path = op.path();
        for (ApiSurface.Param p : op.params()) {
            if (p.inPath()) {
                String v = p.name().equals(name) ? value : p.sample() != null ? p.sample() : p.type() == UUID.class ? UUID.randomUUID().toString() : "x";
                path = path.replace("{" + p.name() + "}", v);
            }
        }
        return path;
    }

    private static Api.Reply send(Probe probe) {
        HttpRequest.Builder b = Api.request(probe.path(), caller());
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(probe.body());
        if (probe.contentType() != null) {
            b.header("Content-Type", probe.contentType());
        }
        Api.Reply r = Api.send(b.method(probe.method(), body).build());
        String left = r.header("RateLimit-Remaining");
        remaining = left == null ? remaining - 1 : Integer.parseInt(left);
        return r;
    }

    /**
     * An admin, whose role reaches every resource method; a new one whenever the last is near the general API limit
     * (the sweep sends far more than one user's window allows).
     */
    private static String caller() {
        if (token == null || remaining < 20) {
            JsonObject student = Api.newStudent();
            String id = student.getJsonObject("user").getString("id");
            Api.Reply granted = Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"ADMIN\"}", Api.adminToken());
            assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
            token = Api.login(student.getJsonObject("user").getString("username"), "a good password").json().getString("accessToken");
            remaining = Integer.parseInt(System.getProperty("spark.rateLimitMax"));
        }
        return token;
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 24 ? oneLine.substring(0, 24) + "..." : oneLine;
    }
}
