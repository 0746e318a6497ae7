package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A non-persistent interval timer on every instance (OUTBOX_PERIOD) that hands each tick to {@link OutboxSender}.
 * Every instance sends: the claim in the database keeps two of them off the same message, so no timer store is
 * shared and an instance that dies leaves nothing undone. The singleton's write lock keeps one tick at a time here.
 * NOT_SUPPORTED: a tick talks to outside servers, and a JTA timeout around it would only make the container retry it.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSchedule {

    private static final Logger LOG = Logger.getLogger(OutboxSchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DeliverySettings settings;

    @EJB
    OutboxSender sender;

    @Inject
    OutboxMetrics metrics;

    @Inject
    EmailChannel email;

    @PostConstruct
    void start() {
        metrics.register();
        if (settings.emailOn()) {
            String server = email.server();
            LOG.info(() -> "Email is on: " + DeliverySettings.MAIL_RESOURCE + " sends through " + server);
            if (!server.startsWith(settings.smtpHost().orElse("") + ":")) {
                LOG.warning(() -> "SMTP_HOST is " + settings.smtpHost().orElse("") + " but " + DeliverySettings.MAIL_RESOURCE + " points at "
                        + server + ": run ./spark provision to apply the SMTP settings to the domain");
            }
        } else {
            LOG.warning("Email is off: SMTP_HOST is not set, notifications go in-app (and by SMS where it is on) only");
        }
        if (settings.smsOn()) {
            LOG.info(() -> "SMS is on through " + settings.smsApiUrl().getHost()
                    + (settings.callbackKey().isPresent() ? "" : "; SMS_CALLBACK_KEY is not set, so STOP replies are not heard"));
        } else {
            LOG.warning("SMS is off: SMS_API_KEY is not set");
        }
        if (settings.emailOn() || settings.smsOn()) {
            long every = settings.period().toMillis();
            timers.createIntervalTimer(every, every, new TimerConfig("outbox", false));
        }
    }

    @Timeout
    void tick() {
        try {
            sender.sendDue();
        } catch (RuntimeException e) {
            // the next tick claims again: what this one left is due or its lease runs out
            LOG.log(Level.WARNING, "Outbox tick failed", e);
        }
    }
}
