package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.PhoneNumber;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.GoneException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.error.TooManyRequestsException;
import org.projectspark.platform.persistence.SqlValues;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A user's phone number for SMS. A number is used only after its owner typed back the code sent to it (so nobody
 * gets SMS they did not ask for because someone mistyped), and never after it sent STOP. The code travels through the
 * same outbox as notifications. Codes are kept as an HMAC; five wrong tries end a code, five codes an hour are the most.
 */
@Stateless
public class Phones {

    private static final Logger LOG = Logger.getLogger(Phones.class.getName());
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_TRIES = 5;
    static final int MAX_CODES_PER_HOUR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    DeliveryStore store;

    @Inject
    Outbox outbox;

    @Inject
    DeliverySettings settings;

    @Inject
    NotificationTexts texts;

    @Inject
    UnsubscribeTokens keys;

    private byte[] codeKey;

    /** The number as the app shows it, and its state. */
    public record PhoneView(String phoneNumber, boolean verified, boolean optedOut, OffsetDateTime codeExpiresAt) {
    }

    @PostConstruct
    void derive() {
        codeKey = keys.derivedKey("phone-code");
    }

    public Optional<PhoneView> view(UUID userId) {
        List<?> rows = em.createNativeQuery("SELECT phone_number, verified_at IS NOT NULL, opted_out_at IS NOT NULL, code_expires_at FROM user_phones"
                + " WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().map(o -> (Object[]) o).findFirst().map(r -> new PhoneView((String) r[0], Boolean.TRUE.equals(r[1]),
                Boolean.TRUE.equals(r[2]), r[3] == null ? null : SqlValues.instant(r[3])));
    }

    /** Sets the number (unconfirmed) and sends it a code; the same confirmed number again changes nothing. */
    public PhoneView set(UUID userId, PhoneNumber number) {
        if (!settings.smsOn()) {
            throw new ConflictException("SMS is off on this server (SMS_API_KEY is not set): no phone number is needed");
        }
        Recipient r = store.recipient(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        if (!r.roles().contains("GUARDIAN") && !r.roles().contains("TEACHER")) {
            throw new AccessDeniedException("SMS is offered to guardians and teachers only");
        }
        Optional<PhoneView> now = view(userId);
        if (now.filter(p -> p.phoneNumber().equals(number.e164()) && p.verified() && !p.optedOut()).isPresent()) {
            return now.get();
        }
        List<?> window = em.createNativeQuery("SELECT codes_sent, codes_window_at FROM user_phones WHERE user_id = ?1 FOR UPDATE")
                .setParameter(1, userId).getResultList();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        int sent = 0;
        OffsetDateTime windowStart = at;
        if (!window.isEmpty()) {
            Object[] w = (Object[]) window.get(0);
            if (w[1] != null && SqlValues.instant(w[1]).isAfter(at.minusHours(1))) {
                sent = ((Number) w[0]).intValue();
                windowStart = SqlValues.instant(w[1]);
            }
        }
        if (sent >= MAX_CODES_PER_HOUR) {
            throw new TooManyRequestsException("At most " + MAX_CODES_PER_HOUR + " codes an hour; try again later",
                    Duration.between(at, windowStart.plusHours(1)).toSeconds());
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        OffsetDateTime expires = at.plus(CODE_LIFETIME);
        em.createNativeQuery("INSERT INTO user_phones (user_id, phone_number, code_hash, code_expires_at, code_attempts, codes_sent, codes_window_at)"
                        + " VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6) ON CONFLICT (user_id) DO UPDATE SET phone_number = EXCLUDED.phone_number,"
                        + " verified_at = CASE WHEN user_phones.phone_number = EXCLUDED.phone_number THEN user_phones.verified_at END,"
                        + " code_hash = EXCLUDED.code_hash, code_expires_at = EXCLUDED.code_expires_at, code_attempts = 0,"
                        + " codes_sent = EXCLUDED.codes_sent, codes_window_at = EXCLUDED.codes_window_at, updated_at = now()")
                .setParameter(1, userId).setParameter(2, number.e164()).setParameter(3, digest(userId, number.e164(), code))
                .setParameter(4, expires).setParameter(5, sent + 1).setParameter(6, windowStart).executeUpdate();
        outbox.direct(userId, DeliveryChannel.SMS, "PHONE_CODE", texts.localeOf(r.locale(), r.schoolLocale()),
                texts.text("sms.code", r.locale(), r.schoolLocale(), code), number.e164());
        LOG.fine(() -> "Verification code queued for " + number.masked());
        return view(userId).orElseThrow();
    }

    /**
     * The code typed back: the number is confirmed, and a STOP it sent before is lifted (its owner asked again). Empty
     * when the code is wrong; the wrong try is counted and committed, which a thrown business exception (rolling the
     * transaction back) would undo.
     */
    public Optional<PhoneView> confirm(UUID userId, String code) {
        List<?> rows = em.createNativeQuery("SELECT phone_number, code_hash, code_expires_at, code_attempts FROM user_phones WHERE user_id = ?1 FOR UPDATE")
                .setParameter(1, userId).getResultList();
        if (rows.isEmpty() || ((Object[]) rows.get(0))[1] == null) {
            throw new ConflictException("No code is waiting to be confirmed: PUT /api/v1/me/phone sends one");
        }
        Object[] r = (Object[]) rows.get(0);
        if (SqlValues.instant(r[2]).isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new GoneException("The code has expired; PUT /api/v1/me/phone sends a new one");
        }
        int tries = ((Number) r[3]).intValue();
        if (tries >= MAX_TRIES) {
            throw new ConflictException("Too many wrong codes; PUT /api/v1/me/phone sends a new one");
        }
        boolean right = MessageDigest.isEqual(digest(userId, (String) r[0], code).getBytes(StandardCharsets.US_ASCII),
                ((String) r[1]).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            em.createNativeQuery("UPDATE user_phones SET code_attempts = code_attempts + 1 WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
            return Optional.empty();
        }
        em.createNativeQuery("UPDATE user_phones SET verified_at = now(), opted_out_at = NULL, code_hash = NULL, code_expires_at = NULL,"
                + " code_attempts = 0, updated_at = now() WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        return view(userId);
    }

    public void remove(UUID userId) {
        em.createNativeQuery("DELETE FROM user_phones WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
    }

    /** STOP from this number: no more SMS to any account that gave it, until one of them confirms it again. */
    public int optOut(PhoneNumber number) {
        int n = em.createNativeQuery("UPDATE user_phones SET opted_out_at = now(), updated_at = now() WHERE phone_number = ?1 AND opted_out_at IS NULL")
                .setParameter(1, number.e164()).executeUpdate();
        LOG.info(() -> "STOP from " + number.masked() + ": " + n + " account(s) opted out of SMS");
        return n;
    }

    /** How many wrong tries remain for the code waiting (after a wrong one). */
    public int triesLeft(UUID userId) {
        List<?> rows = em.createNativeQuery("SELECT code_attempts FROM user_phones WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.isEmpty() ? 0 : Math.max(0, MAX_TRIES - ((Number) rows.get(0)).intValue());
    }

    private String digest(UUID userId, String number, String code) {
        return HexFormat.of().formatHex(UnsubscribeTokens.mac(codeKey, userId + "|" + number + "|" + code));
    }
}
