package org.projectspark.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SMS through Africa's Talking's messaging API ({@code POST /version1/messaging}, form-encoded, the key in the
 * {@code apiKey} header), read as its documentation describes the answers: 201 with one entry per recipient whose
 * {@code statusCode} says what became of it (100-102 accepted; 403 invalid number, 404 unsupported number type, 406
 * blacklisted (the person sent STOP), 407 could not route, 409 do-not-disturb: final; the rest, such as 405
 * insufficient balance or 5xx gateway errors, pass later), 401 for a refused key, 400 for a request it will never
 * take, 5xx when it is in trouble.
 */
@ApplicationScoped
public class SmsChannel {

    private static final Set<Integer> ACCEPTED = Set.of(100, 101, 102);
    private static final Set<Integer> FINAL = Set.of(403, 404, 406, 407, 409);

    @Inject
    DeliverySettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** The result, and whether the channel as a whole is in trouble (the other messages of the batch wait too). */
    public record Outcome(SendResult result, boolean channelDown) {
    }

    public Outcome send(String to, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", settings.smsUsername());
        form.put("to", to);
        form.put("message", text);
        settings.smsSender().ifPresent(s -> form.put("from", s));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(settings.smsApiUrl()).timeout(Duration.ofSeconds(20))
                .header("apiKey", settings.smsApiKey()).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Outcome(new SendResult.Retry("SMS provider unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(new SendResult.Retry("interrupted while sending"), true);
        }
        return read(answer.statusCode(), answer.body());
    }

    static Outcome read(int status, String body) {
        String said = DeliveryStore.clip(body == null ? "" : body.strip(), 200);
        if (status == 401 || status == 403) {
            return new Outcome(new SendResult.Retry("SMS provider refused the credentials (" + status + "): check SMS_USERNAME and SMS_API_KEY"), true);
        }
        if (status == 400) {
            return new Outcome(new SendResult.Failed("SMS provider refused the message (400): " + said), false);
        }
        if (status < 200 || status > 299) {
            return new Outcome(new SendResult.Retry("SMS provider answered " + status + ": " + said), true);
        }
        JsonObject data;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            data = reader.readObject().getJsonObject("SMSMessageData");
        } catch (RuntimeException e) {
            return new Outcome(new SendResult.Retry("SMS provider answered " + status + " with an unreadable body: " + said), true);
        }
        if (data == null) {
            return new Outcome(new SendResult.Retry("SMS provider answered " + status + " without SMSMessageData: " + said), true);
        }
        JsonArray recipients = data.getJsonArray("Recipients");
        if (recipients == null || recipients.isEmpty()) {
            // e.g. {"SMSMessageData":{"Message":"InvalidPhoneNumber","Recipients":[]}}
            return new Outcome(new SendResult.Failed("SMS provider sent to no one: " + data.getString("Message", said)), false);
        }
        JsonObject r = recipients.getJsonObject(0);
        int code = r.containsKey("statusCode") && r.get("statusCode").getValueType() == JsonValue.ValueType.NUMBER ? r.getInt("statusCode") : -1;
        String what = r.getString("status", "?") + " (" + code + ")";
        if (ACCEPTED.contains(code)) {
            return new Outcome(new SendResult.Sent(r.getString("messageId", "")), false);
        }
        if (FINAL.contains(code)) {
            return new Outcome(new SendResult.Failed("SMS provider: " + what), false);
        }
        // 401 RiskHold, 402 InvalidSenderId, 405 InsufficientBalance and 5xx hold for every message, not just this one
        return new Outcome(new SendResult.Retry("SMS provider: " + what), code == 402 || code == 405 || code >= 500);
    }
}
