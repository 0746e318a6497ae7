package org.projectspark.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS against a stand-in for Africa's Talking's messaging API on loopback, answering as its documentation describes
 * (201 with a per-recipient statusCode; 401 for a bad key; 5xx in trouble): a phone number confirmed by a code sent
 * by SMS; a teacher's message to the guardian in French, in one segment with the STOP line, retried through the
 * provider's failures and accepted exactly once; a final refusal never retried; STOP heard from the callback.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationSmsIT extends DeployedEar {

    private static final int PORT = Integer.getInteger("spark.smsPort", 20026);
    private static final String KEY = System.getProperty("spark.smsKey");
    private static HttpServer provider;
    /** Every request the provider got: the form's fields, and the status it answered. */
    private static final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    /** Answers to give to a number before the usual success (status code and body). */
    private static final Map<String, Deque<String[]>> scripted = new ConcurrentHashMap<>();

    @BeforeAll
    static void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        provider.createContext("/version1/messaging", NotificationSmsIT::answer);
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    private static void answer(HttpExchange x) throws IOException {
        Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String status;
        String body;
        String type = "application/json";
        if (!"POST".equals(x.getRequestMethod()) || !KEY.equals(x.getRequestHeaders().getFirst("apiKey"))) {
            status = "401";
            body = "The supplied authentication is invalid";
            type = "text/plain";
        } else if (!"application/x-www-form-urlencoded".equals(x.getRequestHeaders().getFirst("Content-Type")) || !"sandbox".equals(form.get("username"))) {
            status = "400";
            body = "Request is missing required form field 'username'";
            type = "text/plain";
        } else {
            String[] next = scripted.getOrDefault(form.get("to"), new ConcurrentLinkedDeque<>()).poll();
            if (next != null) {
                form.put("scripted", "true");
                status = next[0];
                body = next[1];
            } else {
                status = "201";
                body = recipient(form.get("to"), 101, "Success", "ATXid_" + requests.size());
            }
        }
        form.put("answered", status);
        requests.add(form);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(Integer.parseInt(status), bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String recipient(String to, int code, String status, String id) {
        return "{\"SMSMessageData\":{\"Message\":\"Sent to 1/1 Total Cost: KES 0.8000\",\"Recipients\":[{\"statusCode\":" + code
                + ",\"number\":\"" + to + "\",\"status\":\"" + status + "\",\"cost\":\"KES 0.8000\",\"messageId\":\"" + id + "\"}]}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String newNumber() {
        return "+2547" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    /** Sets the guardian's number and confirms it with the code that arrived by SMS. */
    private static void confirmPhone(Fixtures.Member guardian, String number) throws InterruptedException {
        String typed = number.substring(0, 4) + " " + number.substring(4, 7) + "-" + number.substring(7);
        Api.Reply set = Api.put("/api/v1/me/phone", "{\"phoneNumber\":\"" + typed + "\"}", guardian.token());
        assertThat(set.status()).as(set.toString()).isEqualTo(202);
        assertThat(set.json().getBoolean("verified")).isFalse();
        Map<String, String> sms = awaitAccepted(number, 1, Duration.ofSeconds(20)).get(0);
        Matcher code = Pattern.compile("(\\d{6})").matcher(sms.get("message"));
        assertThat(code.find()).as(sms.get("message")).isTrue();
        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        assertThat(Api.post("/api/v1/me/phone/confirm", "{\"code\":\"" + wrong + "\"}", guardian.token()).status()).isEqualTo(400);
        assertThat(Api.post("/api/v1/me/phone/confirm", "{\"code\":\"12ab\"}", guardian.token()).status()).isEqualTo(400);
        Api.Reply ok = Api.post("/api/v1/me/phone/confirm", "{\"code\":\"" + code.group(1) + "\"}", guardian.token());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().getBoolean("verified")).isTrue();
    }

    @Test
    void aTeachersMessageGoesByOneSmsInFrenchRetriedThroughFailuresAndAcceptedOnce() throws Exception {
        Households.Household h = Households.household("fr");
        String number = newNumber();
        confirmPhone(h.guardian(), number);
        JsonObject prefs = Api.get("/api/v1/me/notification-preferences", h.guardian().token()).json();
        assertThat(prefs.getJsonObject("sms").getBoolean("usable")).isTrue();

        // the provider in trouble twice (a 500, then a gateway error for the recipient), then it accepts
        Deque<String[]> trouble = new ConcurrentLinkedDeque<>();
        trouble.add(new String[] {"500", "Internal Server Error"});
        trouble.add(new String[] {"201", recipient(number, 501, "GatewayError", "None")});
        scripted.put(number, trouble);
        h.message("Demain, apportez de l'eau et du savon pour la journée de nettoyage de l'école. " + "Merci beaucoup ".repeat(12));

        awaitAccepted(number, 2, Duration.ofSeconds(30)); // the code, then the message
        Thread.sleep(3000); // a second acceptance would show up by now
        List<Map<String, String>> all = to(number);
        assertThat(accepted(number)).as("the code and the message, each accepted once").hasSize(2);
        String sms = accepted(number).get(1).get("message");
        assertThat(sms).startsWith("Message de ").contains(" au sujet de Student ").endsWith("Répondez STOP pour ne plus recevoir de SMS");
        assertThat(sms.length()).as("one GSM-7 segment").isLessThanOrEqualTo(160);
        assertThat(all).hasSize(4); // code, 500, gateway error, accepted
    }

    @Test
    void aFinalRefusalIsNotRetriedAndStopEndsSms() throws Exception {
        Households.Household h = Households.household("en");
        String number = newNumber();
        confirmPhone(h.guardian(), number);

        Deque<String[]> invalid = new ConcurrentLinkedDeque<>();
        invalid.add(new String[] {"201", recipient(number, 403, "InvalidPhoneNumber", "None")});
        scripted.put(number, invalid);
        h.message("First " + Api.uniqueName("m"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (to(number).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3000);
        assertThat(to(number)).as("the code, then one refused attempt, never retried").hasSize(2);

        // STOP as the provider posts an incoming message; a wrong key is a 404
        String form = "from=" + number.replace("+", "%2B") + "&to=20880&text=Stop&date=2026-12-07+10%3A00%3A00&id=abc&linkId=";
        assertThat(callback("wrong-key", "incoming", form).status()).isEqualTo(404);
        assertThat(callback(System.getProperty("spark.smsCallbackKey"), "incoming", form).status()).isEqualTo(200);
        JsonObject prefs = Api.get("/api/v1/me/notification-preferences", h.guardian().token()).json();
        assertThat(prefs.getJsonObject("sms").getBoolean("usable")).isFalse();
        assertThat(prefs.getJsonObject("phone").getBoolean("optedOut")).isTrue();

        h.message("After STOP " + Api.uniqueName("m"));
        Thread.sleep(3000);
        assertThat(to(number)).hasSize(2);
    }

    @Test
    void phoneNumbersAreValidatedAndOnlyForGuardiansAndTeachers() {
        Fixtures.Member student = Fixtures.newStudent(null);
        assertThat(Api.put("/api/v1/me/phone", "{\"phoneNumber\":\"+254711000000\"}", student.token()).status()).isEqualTo(403);
        Fixtures.Member guardian = Households.adult("GUARDIAN", "en", null, "Baba");
        assertThat(Api.put("/api/v1/me/phone", "{\"phoneNumber\":\"0711 000 000\"}", guardian.token()).status()).isEqualTo(400);
        assertThat(Api.put("/api/v1/me/phone", "{\"phoneNumber\":\"\"}", guardian.token()).status()).isEqualTo(400);
        assertThat(Api.put("/api/v1/me/phone", "{}", guardian.token()).status()).isEqualTo(400);
        assertThat(Api.get("/api/v1/me/phone", guardian.token()).status()).isEqualTo(404);
        assertThat(Api.post("/api/v1/me/phone/confirm", "{\"code\":\"123456\"}", guardian.token()).status()).isEqualTo(409);
        assertThat(callback(System.getProperty("spark.smsCallbackKey"), "opt-out", "senderId=SPARK&phoneNumber=not-a-number").status()).isEqualTo(200);
    }

    private static Api.Reply callback(String key, String which, String form) {
        return Api.send(Api.request("/api/v1/sms/callbacks/" + key + "/" + which, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static List<Map<String, String>> to(String number) {
        List<Map<String, String>> m = new ArrayList<>();
        for (Map<String, String> r : requests) {
            if (number.equals(r.get("to"))) {
                m.add(r);
            }
        }
        return m;
    }

    private static List<Map<String, String>> accepted(String number) {
        return to(number).stream().filter(r -> r.get("answered").equals("201") && r.get("message") != null
                && !r.get("message").isEmpty() && isAcceptedAnswer(r)).toList();
    }

    /** A 201 whose recipient status was a success (not a scripted error answered with 201). */
    private static boolean isAcceptedAnswer(Map<String, String> r) {
        return !r.containsKey("scripted");
    }

    private static List<Map<String, String>> awaitAccepted(String number, int count, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            List<Map<String, String>> got = accepted(number);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " accepted SMS to " + number + " within " + within + ", got " + to(number));
    }
}
