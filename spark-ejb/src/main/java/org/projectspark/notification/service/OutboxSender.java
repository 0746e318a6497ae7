package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.notification.domain.SmsText;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sends what is due in the outbox: claims a batch (no other instance takes it while this one holds the lease), reads
 * where each message goes now, sends, and records each result in its own transaction. No transaction is open while
 * talking to the SMTP server or the SMS provider. A message is sent at most once unless this server stops between the
 * provider's acceptance and the recording of it (then it goes again after the lease, with the same Message-ID).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    /** Batches one timer tick may send before it leaves the rest to the next tick (and to other instances). */
    private static final int MAX_BATCHES_PER_TICK = 20;

    @EJB
    DeliveryStore store;

    @Inject
    DeliverySettings settings;

    @Inject
    EmailChannel email;

    @Inject
    SmsChannel sms;

    @Inject
    NotificationTexts texts;

    @Inject
    OutboxMetrics metrics;

    /** Sends due messages until none is left or this tick's share is done; answers how many were handed over. */
    public int sendDue() {
        Set<DeliveryChannel> channels = EnumSet.noneOf(DeliveryChannel.class);
        if (settings.emailOn()) {
            channels.add(DeliveryChannel.EMAIL);
        }
        if (settings.smsOn()) {
            channels.add(DeliveryChannel.SMS);
        }
        int sent = 0;
        for (int i = 0; i < MAX_BATCHES_PER_TICK && !channels.isEmpty(); i++) {
            UUID claim = UUID.randomUUID();
            List<DeliveryStore.Delivery> batch = store.claim(claim, settings.batch(), channels);
            if (batch.isEmpty()) {
                break;
            }
            sent += send(claim, batch);
            if (batch.size() < settings.batch()) {
                break;
            }
        }
        return sent;
    }

    private int send(UUID claim, List<DeliveryStore.Delivery> batch) {
        Map<UUID, Recipient> recipients = store.recipients(batch.stream().map(DeliveryStore.Delivery::userId).collect(Collectors.toSet()));
        List<EmailChannel.Email> emails = new ArrayList<>();
        List<DeliveryStore.Delivery> texts = new ArrayList<>();
        for (DeliveryStore.Delivery d : batch) {
            Recipient r = recipients.get(d.userId());
            Optional<String> why = undeliverable(d, r);
            if (why.isPresent()) {
                store.finish(d.id(), claim, false, why.get());
                continue;
            }
            String to = d.toAddress().orElseGet(() -> r.address(d.channel()).orElseThrow());
            if (d.channel() == DeliveryChannel.EMAIL) {
                emails.add(new EmailChannel.Email(d, r, to));
            } else {
                texts.add(d);
            }
        }
        int sent = 0;
        if (!emails.isEmpty()) {
            List<SendResult> results = email.send(emails);
            for (int i = 0; i < emails.size(); i++) {
                sent += record(claim, emails.get(i).delivery(), results.get(i));
            }
            afterBatch(DeliveryChannel.EMAIL, results);
        }
        if (!texts.isEmpty()) {
            List<SendResult> results = new ArrayList<>();
            String down = null;
            for (DeliveryStore.Delivery d : texts) {
                SendResult result;
                if (down != null) {
                    result = new SendResult.Retry(down);
                } else {
                    Recipient r = recipients.get(d.userId());
                    SmsChannel.Outcome outcome = sms.send(d.toAddress().orElseGet(() -> r.phone().orElseThrow()), smsText(d));
                    result = outcome.result();
                    if (outcome.channelDown() && result instanceof SendResult.Retry retry) {
                        down = retry.error();
                    }
                }
                results.add(result);
                sent += record(claim, d, result);
            }
            afterBatch(DeliveryChannel.SMS, results);
        }
        return sent;
    }

    /** Why this message no longer goes anywhere: its user is gone or inactive, unsubscribed since, or lost the address. */
    private static Optional<String> undeliverable(DeliveryStore.Delivery d, Recipient r) {
        if (r == null || !r.active()) {
            return Optional.of("the recipient's account is gone or inactive");
        }
        if (d.toAddress().isPresent()) {
            return Optional.empty();
        }
        NotificationKind kind;
        try {
            kind = NotificationKind.valueOf(d.kind());
        } catch (IllegalArgumentException e) {
            return Optional.of("a kind this version does not send: " + d.kind());
        }
        if (!r.wants(d.channel(), kind)) {
            return Optional.of("the recipient turned " + d.channel() + " off for " + kind + " before it was sent");
        }
        if (r.address(d.channel()).isEmpty()) {
            return Optional.of(d.channel() == DeliveryChannel.EMAIL ? "the recipient has no email address any more"
                    : "the recipient has no confirmed phone number any more, or it sent STOP");
        }
        return Optional.empty();
    }

    /** A notification as one SMS: its title and text, cut to one segment, with the STOP line; a code as it is. */
    private String smsText(DeliveryStore.Delivery d) {
        if (d.notificationId() == null) {
            return SmsText.oneSegment(d.body());
        }
        return SmsText.oneSegment(d.title() + ": " + d.body(), texts.text("sms.stop", d.locale(), null));
    }

    private int record(UUID claim, DeliveryStore.Delivery d, SendResult result) {
        if (result instanceof SendResult.Sent s) {
            store.sent(d.id(), claim, s.ref());
            metrics.sent(d.channel());
            return 1;
        }
        if (result instanceof SendResult.Failed f) {
            store.finish(d.id(), claim, true, f.reason());
            metrics.failed(d.channel(), true);
            LOG.warning(() -> d.channel() + " delivery " + d.id() + " failed for good: " + f.reason());
            return 0;
        }
        String error = ((SendResult.Retry) result).error();
        int attempt = d.attempts() + 1;
        if (OffsetDateTime.now(ZoneOffset.UTC).isAfter(d.createdAt().plus(settings.giveUpAfter()))) {
            store.finish(d.id(), claim, true, "gave up after " + attempt + " attempts over " + settings.giveUpAfter() + ": " + error);
            metrics.failed(d.channel(), true);
            LOG.warning(() -> d.channel() + " delivery " + d.id() + " given up after " + attempt + " attempts: " + error);
        } else {
            Duration wait = settings.backoff(attempt);
            store.retry(d.id(), claim, wait, error);
            metrics.failed(d.channel(), false);
            LOG.log(attempt == 1 ? Level.INFO : Level.FINE, () -> d.channel() + " delivery " + d.id() + " attempt " + attempt
                    + " failed, next in " + wait + ": " + error);
        }
        return 0;
    }

    /** A channel that worked again: what waits out its backoff on it is due now, not in up to OUTBOX_RETRY_MAX. */
    private void afterBatch(DeliveryChannel channel, List<SendResult> results) {
        if (results.stream().anyMatch(r -> r instanceof SendResult.Sent)) {
            int woken = store.due(channel);
            if (woken > 0) {
                LOG.info(() -> channel + " works again: " + woken + " waiting messages are due now");
            }
        }
    }
}
