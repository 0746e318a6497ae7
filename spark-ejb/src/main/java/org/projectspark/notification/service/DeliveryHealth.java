package org.projectspark.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.platform.health.ServiceReport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Email and SMS in the health document: on or off (and why), and how the outbox of each stands. */
public abstract class DeliveryHealth implements ServiceReport {

    /** A message waiting longer than this means the channel is in trouble (its server down, its account blocked). */
    static final Duration LATE = Duration.ofMinutes(15);

    @Inject
    DeliverySettings settings;

    @Inject
    OutboxMetrics metrics;

    abstract DeliveryChannel channel();

    abstract boolean on();

    abstract String offReason();

    abstract Map<String, Object> details();

    @Override
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!on()) {
            m.put("status", "disabled");
            m.put("reason", offReason());
        } else {
            long[] outbox = metrics.current(channel());
            m.put("status", outbox[1] > LATE.toSeconds() ? "degraded" : "healthy");
            m.putAll(details());
            m.put("waiting", outbox[0]);
            m.put("oldestWaitingSeconds", outbox[1]);
            m.put("failedLastDay", outbox[2]);
        }
        m.put("required", false);
        return m;
    }

    @ApplicationScoped
    public static class Email extends DeliveryHealth {
        @Inject
        EmailChannel email;

        @Override public String name() { return "email"; }
        @Override DeliveryChannel channel() { return DeliveryChannel.EMAIL; }
        @Override boolean on() { return settings.emailOn(); }
        @Override String offReason() { return "SMTP_HOST is not set"; }
        @Override Map<String, Object> details() { return Map.of("server", email.server()); }
    }

    @ApplicationScoped
    public static class Sms extends DeliveryHealth {
        @Override public String name() { return "sms"; }
        @Override DeliveryChannel channel() { return DeliveryChannel.SMS; }
        @Override boolean on() { return settings.smsOn(); }
        @Override String offReason() { return "SMS_API_KEY is not set"; }
        @Override Map<String, Object> details() {
            return Map.of("provider", settings.smsApiUrl().getHost(), "stopCallback", settings.callbackKey().isPresent() ? "on" : "off (SMS_CALLBACK_KEY is not set)");
        }
    }
}
