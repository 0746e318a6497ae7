package org.projectspark.notification.ws;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.notification.api.NotificationView;
import org.projectspark.notification.service.NotificationRaised;
import org.projectspark.notification.service.NotificationsRaised;
import org.projectspark.platform.cache.GridTopic;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries notifications, once committed (a batch of them per topic message), to the instances whose sockets may want it: published on a topic of
 * Payara's Data Grid (Hazelcast, which every instance of the domain or deployment group joins), and every instance's
 * listener (the raising one's included) hands it to its own sockets of the recipient. Without a Data Grid (disabled,
 * or unreachable when publishing) it goes to this instance's sockets only; the others' clients get it at their next
 * resume. docs/architecture.md says why a Hazelcast topic.
 */
@ApplicationScoped
public class NotificationFanOut {

    private static final Logger LOG = Logger.getLogger(NotificationFanOut.class.getName());
    static final String TOPIC = "spark-notifications";
    /** Notifications per topic message: a class message to a whole school is a few dozen messages of some 100 KiB, not one per recipient. */
    static final int PER_MESSAGE = 250;

    @Inject
    LiveConnections connections;

    private GridTopic topic;

    /** Joins at deployment, so an instance with sockets hears announcements made before its first one. */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        // creating the bean is the point
    }

    @PostConstruct
    void join() {
        // the sockets' registry made here, on the deployment's thread: made by the first announcement, on a Data Grid
        // thread, it got none of its resources (seen on an instance where no socket had opened yet)
        connections.openCount();
        topic = GridTopic.join(TOPIC, this::arrived, "notifications reach the sockets of the instance that raised them only").orElse(null);
    }

    @PreDestroy
    void leave() {
        if (topic != null) {
            topic.leave();
        }
    }

    void raised(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsRaised raised) {
        List<NotificationRaised> all = raised.notifications();
        for (int from = 0; from < all.size(); from += PER_MESSAGE) {
            StringBuilder message = new StringBuilder();
            for (NotificationRaised n : all.subList(from, Math.min(all.size(), from + PER_MESSAGE))) {
                if (!message.isEmpty()) {
                    message.append('\n');
                }
                message.append(n.userId()).append(' ').append(n.seq()).append(' ').append(SocketProtocol.notification(NotificationView.of(n)));
            }
            publish(message.toString());
        }
    }

    private void publish(String announcements) {
        if (topic == null) {
            arrived(announcements);
            return;
        }
        try {
            topic.publishAsync(announcements).exceptionally(failure -> {
                LOG.log(Level.WARNING, "Notifications could not be announced on the Data Grid: {0}", failure.toString());
                arrived(announcements);
                return null;
            });
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.WARNING, "Notifications could not be announced on the Data Grid: {0}", gridTrouble.toString());
            arrived(announcements);
        }
    }

    /**
     * Lines of "userId seq frame" (a frame is compact JSON, so never holds a line break), from this instance or
     * another: on a Data Grid thread, which this never blocks.
     */
    private void arrived(String announcements) {
        int start = 0;
        while (start < announcements.length()) {
            int end = announcements.indexOf('\n', start);
            if (end < 0) {
                end = announcements.length();
            }
            try {
                int a = announcements.indexOf(' ', start);
                int b = announcements.indexOf(' ', a + 1);
                connections.deliver(UUID.fromString(announcements.substring(start, a)), Long.parseLong(announcements.substring(a + 1, b)),
                        announcements.substring(b + 1, end));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A notification announcement could not be delivered", e);
            }
            start = end + 1;
        }
    }
}
