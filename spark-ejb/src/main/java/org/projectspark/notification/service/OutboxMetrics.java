package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.projectspark.notification.domain.DeliveryChannel;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox, per channel ({@code channel} tag): {@code notification_outbox_depth} (messages waiting, the whole
 * cluster's), {@code notification_outbox_oldest_seconds} (age of the oldest waiting one: it grows while the SMTP server
 * or the SMS provider is down), {@code notification_outbox_failed_last_day} (given up on in the last 24 hours), read
 * from the table at most every {@link #MAX_AGE_MILLIS}; and this instance's counters {@code notification_deliveries_sent}
 * and {@code notification_delivery_failures} ({@code final} true: given up; false: to be retried).
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class.getName());
    private static final long MAX_AGE_MILLIS = 10_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @EJB
    DeliveryStore store;

    private volatile Map<DeliveryChannel, long[]> snapshot = Map.of();
    private volatile long readAt;
    private final Map<DeliveryChannel, Counter> sent = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> retried = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> failed = new EnumMap<>(DeliveryChannel.class);

    public void register() {
        Metadata sentMeta = Metadata.builder().withName("notification_deliveries_sent")
                .withDescription("Messages handed to the SMTP server or the SMS provider by this instance").build();
        Metadata failedMeta = Metadata.builder().withName("notification_delivery_failures")
                .withDescription("Failed attempts by this instance; final=true: given up (recorded FAILED), false: to be retried").build();
        for (DeliveryChannel c : DeliveryChannel.values()) {
            Tag channel = new Tag("channel", c.name().toLowerCase(java.util.Locale.ROOT));
            sent.put(c, registry.counter(sentMeta, channel));
            retried.put(c, registry.counter(failedMeta, channel, new Tag("final", "false")));
            failed.put(c, registry.counter(failedMeta, channel, new Tag("final", "true")));
            gauge("notification_outbox_depth", "Messages waiting in the outbox (whole cluster)", c, channel, v -> v[0]);
            gauge("notification_outbox_oldest_seconds", "Age of the oldest message waiting in the outbox, in seconds (0: none)", c, channel, v -> v[1]);
            gauge("notification_outbox_failed_last_day", "Messages given up on in the last 24 hours (whole cluster)", c, channel, v -> v[2]);
        }
    }

    void sent(DeliveryChannel c) {
        sent.get(c).inc();
        readAt = 0;
    }

    void failed(DeliveryChannel c, boolean given) {
        (given ? failed : retried).get(c).inc();
        readAt = 0;
    }

    private void gauge(String name, String description, DeliveryChannel channel, Tag tag, ToDoubleFunction<long[]> value) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
        registry.gauge(metadata, channel, c -> value.applyAsDouble(current(c)), tag);
    }

    /** The outbox as last read, per channel: waiting, oldest age in seconds, failed in the last day. */
    public long[] current(DeliveryChannel channel) {
        long now = System.currentTimeMillis();
        if (now - readAt > MAX_AGE_MILLIS) {
            try {
                snapshot = store.depth();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "notification_deliveries unreadable; the gauges keep their last values", e);
            }
            readAt = now;
        }
        return snapshot.getOrDefault(channel, new long[3]);
    }
}
