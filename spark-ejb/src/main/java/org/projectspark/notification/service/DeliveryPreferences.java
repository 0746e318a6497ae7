package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.DeliveryRules;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's choice of which kinds of notification also come by email or SMS. Only choices the user made are stored;
 * the rest follow their roles' defaults ({@link DeliveryRules}). The answer says whether each channel is on on this
 * server and usable for this user (an email address, a verified phone), so an app can explain why nothing arrives.
 */
@Stateless
public class DeliveryPreferences {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    DeliveryStore store;

    @EJB
    Phones phones;

    @Inject
    DeliverySettings settings;

    @Inject
    NotificationTexts texts;

    /** One channel: on here, usable for this user, and why not when it is not. */
    public record Channel(boolean on, boolean usable, String reason, String address) {
    }

    public record KindChoice(NotificationKind kind, boolean email, Boolean sms, boolean emailByDefault, Boolean smsByDefault) {
    }

    public record View(Channel email, Channel sms, Phones.PhoneView phone, List<KindChoice> kinds) {
    }

    /** A change: null leaves that channel as it is. */
    public record Change(NotificationKind kind, Boolean email, Boolean sms) {
    }

    public View of(UUID userId) {
        Recipient r = store.recipient(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        Phones.PhoneView phone = phones.view(userId).orElse(null);
        Channel email = !settings.emailOn() ? new Channel(false, false, "Email is off on this server (SMTP_HOST is not set)", null)
                : r.email().isEmpty() ? new Channel(true, false, "Your account has no email address (PATCH /api/v1/users/me)", null)
                : new Channel(true, true, null, r.email().get());
        boolean smsOffered = DeliveryRules.SMS_KINDS.stream().anyMatch(k -> DeliveryRules.offered(DeliveryChannel.SMS, k, r.roles()));
        Channel sms = !settings.smsOn() ? new Channel(false, false, "SMS is off on this server (SMS_API_KEY is not set)", null)
                : !smsOffered ? new Channel(true, false, "SMS is offered to guardians and teachers only", null)
                : phone == null ? new Channel(true, false, "No phone number yet (PUT /api/v1/me/phone, then confirm the code sent to it)", null)
                : phone.optedOut() ? new Channel(true, false, "This number sent STOP; set it again and confirm its code to receive SMS again", phone.phoneNumber())
                : !phone.verified() ? new Channel(true, false, "The phone number is not confirmed yet (POST /api/v1/me/phone/confirm)", phone.phoneNumber())
                : new Channel(true, true, null, phone.phoneNumber());
        List<KindChoice> kinds = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            boolean smsHere = DeliveryRules.offered(DeliveryChannel.SMS, kind, r.roles());
            kinds.add(new KindChoice(kind, DeliveryRules.wants(DeliveryChannel.EMAIL, kind, r.roles(), r.choices()),
                    smsHere ? DeliveryRules.wants(DeliveryChannel.SMS, kind, r.roles(), r.choices()) : null,
                    DeliveryRules.byDefault(DeliveryChannel.EMAIL, kind, r.roles()),
                    smsHere ? DeliveryRules.byDefault(DeliveryChannel.SMS, kind, r.roles()) : null));
        }
        return new View(email, sms, phone, kinds);
    }

    /** Applies every change or none: a kind not offered by SMS to this user refuses the whole request. */
    public View change(UUID userId, List<Change> changes) {
        Recipient r = store.recipient(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        for (Change c : changes) {
            if (Boolean.TRUE.equals(c.sms()) && !DeliveryRules.offered(DeliveryChannel.SMS, c.kind(), r.roles())) {
                throw new InvalidRequestException("SMS is offered only for " + DeliveryRules.SMS_KINDS + " and only to guardians and teachers; not for "
                        + c.kind());
            }
        }
        for (Change c : changes) {
            Optional.ofNullable(c.email()).ifPresent(on -> choose(userId, c.kind(), DeliveryChannel.EMAIL, on));
            Optional.ofNullable(c.sms()).ifPresent(on -> choose(userId, c.kind(), DeliveryChannel.SMS, on));
        }
        return of(userId);
    }

    /** The one-click unsubscribe of an email's link. */
    public void stopEmails(UUID userId, NotificationKind kind) {
        choose(userId, kind, DeliveryChannel.EMAIL, false);
    }

    /** The words of an email's unsubscribe page, in the user's language: the question, the button, the confirmation. */
    public List<String> unsubscribeWords(UUID userId, NotificationKind kind) {
        Recipient r = store.recipient(userId).orElseThrow(() -> new NotFoundException("This unsubscribe link's account no longer exists"));
        String what = texts.text("kind." + kind.name(), r.locale(), r.schoolLocale());
        String lang = texts.localeOf(r.locale(), r.schoolLocale());
        return List.of(texts.text("email.unsubscribe.question", r.locale(), r.schoolLocale(), what),
                texts.text("email.unsubscribe.button", r.locale(), r.schoolLocale()),
                texts.text("email.unsubscribe.done", r.locale(), r.schoolLocale(), what), lang);
    }

    private void choose(UUID userId, NotificationKind kind, DeliveryChannel channel, boolean on) {
        em.createNativeQuery("INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES (?1, ?2, ?3, ?4)"
                        + " ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()")
                .setParameter(1, userId).setParameter(2, kind.name()).setParameter(3, channel.name()).setParameter(4, on).executeUpdate();
    }
}
