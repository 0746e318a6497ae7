package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;
import org.projectspark.platform.config.SparkSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How notifications leave by email and SMS. The SMTP server itself is the {@code mail/spark} mail resource that
 * server-config makes from SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS and SMTP_FROM; the application reads only
 * SMTP_HOST, to know whether email is on. Without SMS_API_KEY the SMS channel is off.
 */
@ApplicationScoped
public class DeliverySettings {

    /** The JNDI name of the mail session server-config creates. */
    public static final String MAIL_RESOURCE = "mail/spark";

    @Inject @ConfigProperty(name = "SMTP_HOST")
    Optional<String> smtpHost;

    /** Where this server is reached from outside: links in emails (unsubscribe) start with it. */
    @Inject @ConfigProperty(name = "API_URL")
    String apiUrl;

    @Inject @ConfigProperty(name = "SMS_API_URL")
    String smsApiUrl;

    @Inject @ConfigProperty(name = "SMS_API_KEY")
    Optional<String> smsApiKey;

    /** The provider account's user name (Africa's Talking sends it with every message). */
    @Inject @ConfigProperty(name = "SMS_USERNAME")
    Optional<String> smsUsername;

    /** A registered sender id or short code; unset: the account's default. */
    @Inject @ConfigProperty(name = "SMS_SENDER")
    Optional<String> smsSender;

    /** The secret part of the provider's callback URLs (incoming messages, opt-outs): the provider does not sign them. */
    @Inject @ConfigProperty(name = "SMS_CALLBACK_KEY")
    Optional<String> smsCallbackKey;

    /** How often each instance looks for due messages. */
    @Inject @ConfigProperty(name = "OUTBOX_PERIOD")
    String period;

    /** Messages one instance claims at a time. */
    @Inject @ConfigProperty(name = "OUTBOX_BATCH")
    int batch;

    /** The first retry's wait; each next one waits twice as long, up to OUTBOX_RETRY_MAX. */
    @Inject @ConfigProperty(name = "OUTBOX_RETRY_MIN")
    String retryMin;

    @Inject @ConfigProperty(name = "OUTBOX_RETRY_MAX")
    String retryMax;

    /** A message still failing this long after it was raised is recorded FAILED with its last error. */
    @Inject @ConfigProperty(name = "OUTBOX_GIVE_UP_AFTER")
    String giveUpAfter;

    @Inject
    SparkSettings platform;

    private Duration periodValue;
    private Duration retryMinValue;
    private Duration retryMaxValue;
    private Duration giveUpValue;
    private URI api;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        periodValue = problems.duration("OUTBOX_PERIOD", period, 1000);
        retryMinValue = problems.duration("OUTBOX_RETRY_MIN", retryMin, 1000);
        retryMaxValue = problems.duration("OUTBOX_RETRY_MAX", retryMax, 1000);
        giveUpValue = problems.duration("OUTBOX_GIVE_UP_AFTER", giveUpAfter, 1000);
        problems.check(batch >= 1 && batch <= 500, "OUTBOX_BATCH must be between 1 and 500 (got " + batch + ")");
        if (retryMinValue != null && retryMaxValue != null) {
            problems.check(retryMinValue.compareTo(retryMaxValue) <= 0, "OUTBOX_RETRY_MIN must not be longer than OUTBOX_RETRY_MAX");
        }
        api = problems.value("API_URL", () -> httpUrl("API_URL", apiUrl));
        if (smsOn()) {
            problems.value("SMS_API_URL", () -> httpUrl("SMS_API_URL", smsApiUrl));
            problems.check(smsUsername.filter(s -> !s.isBlank()).isPresent(), "SMS_USERNAME must be set when SMS_API_KEY is (the provider account's user name)");
        }
        if (platform != null && platform.isProduction()) {
            if (emailOn() && api != null && isLocal(api)) {
                problems.addAll(java.util.List.of("API_URL is " + apiUrl + " in production: the unsubscribe links in emails would not work; set the server's public URL"));
            }
            if (smsOn() && callbackKey().isEmpty()) {
                problems.addAll(java.util.List.of("SMS_CALLBACK_KEY must be set in production when SMS is on: without it no STOP from a phone is heard"));
            }
        }
        problems.failIfAny();
    }

    public boolean emailOn() { return smtpHost.filter(h -> !h.isBlank()).isPresent(); }
    public Optional<String> smtpHost() { return smtpHost.filter(h -> !h.isBlank()); }
    public boolean smsOn() { return smsApiKey.filter(k -> !k.isBlank()).isPresent(); }
    public URI apiUrl() { return api; }
    public URI smsApiUrl() { return URI.create(smsApiUrl.trim()); }
    /** Only the SMS client reads it. */
    public String smsApiKey() { return smsApiKey.orElse(""); }
    public String smsUsername() { return smsUsername.orElse(""); }
    public Optional<String> smsSender() { return smsSender.filter(s -> !s.isBlank()); }
    public Optional<String> callbackKey() { return smsCallbackKey.filter(s -> !s.isBlank()); }
    public Duration period() { return periodValue; }
    public int batch() { return batch; }
    public Duration retryMin() { return retryMinValue; }
    public Duration retryMax() { return retryMaxValue; }
    public Duration giveUpAfter() { return giveUpValue; }
    /** The first client URL (CLIENT_URL may list several origins): where "Open Spark" in an email leads. */
    public String appUrl() { return platform.clientUrl().split(",")[0].trim(); }

    /** The wait before retry number {@code attempt} (1 = first retry): doubling, capped. */
    public Duration backoff(int attempt) {
        long min = retryMinValue.toMillis();
        long wait = min << Math.min(Math.max(attempt - 1, 0), 30);
        return Duration.ofMillis(Math.min(wait <= 0 ? Long.MAX_VALUE : wait, retryMaxValue.toMillis()));
    }

    private static URI httpUrl(String name, String value) {
        try {
            URI u = URI.create(value.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalStateException(name + " must be an http(s) URL (got '" + value + "')");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be an http(s) URL (got '" + value + "')");
        }
    }

    private static boolean isLocal(URI u) {
        return "localhost".equals(u.getHost()) || u.getHost().startsWith("127.");
    }
}
