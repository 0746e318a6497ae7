package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.NotificationData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Puts notifications in the email and SMS outbox as they are written (a batch at a time: one recipients query and one insert per chunk): a plain (in-progress) observer, so the outbox row
 * commits or rolls back with the notification itself. Sending happens later, on {@link OutboxSchedule}'s timer.
 * Only channels that are on, that the recipient wants for this kind, and that have an address for them now.
 */
@ApplicationScoped
public class Outbox {

    @EJB
    DeliveryStore store;

    @Inject
    DeliverySettings settings;

    void raised(@Observes NotificationsRaised raised) {
        if (!settings.emailOn() && !settings.smsOn()) {
            return;
        }
        List<NotificationRaised> all = raised.notifications();
        for (int from = 0; from < all.size(); from += Inbox.CHUNK) {
            List<NotificationRaised> chunk = all.subList(from, Math.min(all.size(), from + Inbox.CHUNK));
            Map<UUID, Recipient> recipients = store.recipients(chunk.stream().map(NotificationRaised::userId).collect(Collectors.toSet()));
            List<DeliveryStore.NewDelivery> deliveries = new ArrayList<>();
            for (NotificationRaised n : chunk) {
                Recipient r = recipients.get(n.userId());
                if (r == null) {
                    continue;
                }
                for (DeliveryChannel channel : DeliveryChannel.values()) {
                    if (on(channel) && r.wants(channel, n.kind()) && r.address(channel).isPresent()) {
                        deliveries.add(new DeliveryStore.NewDelivery(n.id(), n.userId(), channel, n.kind().name(), n.locale(), n.title(), n.body(),
                                n.data()));
                    }
                }
            }
            store.addAll(deliveries);
        }
    }

    /** A message that is not a notification (a verification code), to one fixed address, in the caller's transaction. */
    public void direct(UUID userId, DeliveryChannel channel, String purpose, String locale, String text, String address) {
        store.add(null, userId, channel, purpose, locale, purpose, text, NotificationData.NONE, address);
    }

    private boolean on(DeliveryChannel channel) {
        return channel == DeliveryChannel.EMAIL ? settings.emailOn() : settings.smsOn();
    }
}
