package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.NotificationData;

import java.util.UUID;

/**
 * Puts a notification in the email and SMS outbox as it is written: a plain (in-progress) observer, so the outbox row
 * commits or rolls back with the notification itself. Sending happens later, on {@link OutboxSchedule}'s timer.
 * Only channels that are on, that the recipient wants for this kind, and that have an address for them now.
 */
@ApplicationScoped
public class Outbox {

    @EJB
    DeliveryStore store;

    @Inject
    DeliverySettings settings;

    void raised(@Observes NotificationRaised n) {
        if (!settings.emailOn() && !settings.smsOn()) {
            return;
        }
        store.recipient(n.userId()).ifPresent(r -> {
            for (DeliveryChannel channel : DeliveryChannel.values()) {
                if (on(channel) && r.wants(channel, n.kind()) && r.address(channel).isPresent()) {
                    store.add(n.id(), n.userId(), channel, n.kind().name(), n.locale(), n.title(), n.body(), n.data(), null);
                }
            }
        });
    }

    /** A message that is not a notification (a verification code), to one fixed address, in the caller's transaction. */
    public void direct(UUID userId, DeliveryChannel channel, String purpose, String locale, String text, String address) {
        store.add(null, userId, channel, purpose, locale, purpose, text, NotificationData.NONE, address);
    }

    private boolean on(DeliveryChannel channel) {
        return channel == DeliveryChannel.EMAIL ? settings.emailOn() : settings.smsOn();
    }
}
