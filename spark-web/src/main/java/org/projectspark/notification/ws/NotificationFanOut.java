package org.projectspark.notification.ws;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.notification.api.NotificationView;
import org.projectspark.notification.service.NotificationRaised;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries each notification, once committed, to the instances whose sockets may want it: published on a topic of
 * Payara's Data Grid (Hazelcast, which every instance of the domain or deployment group joins), and every instance's
 * listener (the raising one's included) hands it to its own sockets of the recipient. Without a Data Grid (disabled,
 * or unreachable when publishing) it goes to this instance's sockets only; the others' clients get it at their next
 * resume. docs/architecture.md says why a Hazelcast topic.
 */
@ApplicationScoped
public class NotificationFanOut {

    private static final Logger LOG = Logger.getLogger(NotificationFanOut.class.getName());
    static final String TOPIC = "spark-notifications";
    private static final String DATA_GRID = "payara/Hazelcast";

    @Inject
    LiveConnections connections;

    private ITopic<String> topic;
    private UUID listener;

    /** Joins at deployment, so an instance with sockets hears announcements made before its first one. */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        // creating the bean is the point
    }

    @PostConstruct
    void join() {
        try {
            HazelcastInstance grid = InitialContext.doLookup(DATA_GRID);
            topic = grid.getTopic(TOPIC);
            listener = topic.addMessageListener(m -> arrived(m.getMessageObject()));
        } catch (NamingException | RuntimeException | LinkageError noGrid) {
            LOG.log(Level.INFO, "No Data Grid ({0}): notifications reach the sockets of the instance that raised them only",
                    noGrid.toString());
            topic = null;
        }
    }

    @PreDestroy
    void leave() {
        if (topic != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException gridGone) {
                LOG.log(Level.FINE, "Data Grid already gone at undeploy", gridGone);
            }
        }
    }

    void raised(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRaised n) {
        String announcement = n.userId() + " " + n.seq() + " " + SocketProtocol.notification(NotificationView.of(n));
        if (topic == null) {
            arrived(announcement);
            return;
        }
        try {
            topic.publishAsync(announcement).exceptionally(failure -> {
                LOG.log(Level.WARNING, "A notification could not be announced on the Data Grid: {0}", failure.toString());
                arrived(announcement);
                return null;
            });
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.WARNING, "A notification could not be announced on the Data Grid: {0}", gridTrouble.toString());
            arrived(announcement);
        }
    }

    /** "userId seq frame", from this instance or another: on a Data Grid thread, which this never blocks. */
    private void arrived(String announcement) {
        try {
            int a = announcement.indexOf(' ');
            int b = announcement.indexOf(' ', a + 1);
            connections.deliver(UUID.fromString(announcement.substring(0, a)), Long.parseLong(announcement.substring(a + 1, b)),
                    announcement.substring(b + 1));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A notification announcement could not be delivered", e);
        }
    }
}
