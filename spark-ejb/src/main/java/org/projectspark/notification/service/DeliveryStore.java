package org.projectspark.notification.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.DeliveryRules;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.persistence.SqlValues;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbox table (notification_deliveries) and what addressing a delivery reads. Claiming and recording run in
 * transactions of their own (REQUIRES_NEW): a claim must be visible to other instances before the sending starts,
 * and each result must stay recorded whatever happens to the next message.
 */
@Stateless
public class DeliveryStore {

    /** Longer than a batch can take to send (timeouts of 10-20 s each): a claim still held is never taken by another sender. */
    static final Duration LEASE = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** One row to send: a copy of what to say, and where it goes when the address is fixed (a verification code). */
    public record Delivery(UUID id, UUID notificationId, UUID userId, DeliveryChannel channel, String kind, String locale, String title,
                           String body, NotificationData data, Optional<String> toAddress, int attempts, OffsetDateTime createdAt) {
    }

    public Map<UUID, Recipient> recipients(Collection<UUID> users) {
        Map<UUID, Recipient> found = new HashMap<>();
        if (users.isEmpty()) {
            return found;
        }
        List<?> rows = em.createNativeQuery("SELECT CAST(u.id AS text), u.is_active, pr.display_name, pr.locale, s.default_locale, u.email,"
                        + " (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id),"
                        + " CASE WHEN ph.verified_at IS NOT NULL AND ph.opted_out_at IS NULL THEN ph.phone_number END,"
                        + " (SELECT string_agg(np.kind || ':' || np.channel || ':' || np.enabled, ',') FROM notification_preferences np WHERE np.user_id = u.id)"
                        + " FROM users u JOIN profiles pr ON pr.user_id = u.id LEFT JOIN schools s ON s.id = pr.school_id"
                        + " LEFT JOIN user_phones ph ON ph.user_id = u.id WHERE u.id = ANY (CAST(?1 AS uuid[]))")
                .setParameter(1, SqlValues.array(users)).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            UUID id = UUID.fromString((String) r[0]);
            Set<String> roles = r[6] == null ? Set.of() : Set.of(((String) r[6]).split(","));
            Map<DeliveryRules.Choice, Boolean> choices = new HashMap<>();
            if (r[8] != null) {
                for (String c : ((String) r[8]).split(",")) {
                    String[] p = c.split(":");
                    try {
                        choices.put(new DeliveryRules.Choice(NotificationKind.valueOf(p[0]), DeliveryChannel.valueOf(p[1])), Boolean.parseBoolean(p[2]));
                    } catch (IllegalArgumentException e) {
                        // a kind this version no longer has: that choice means nothing now
                    }
                }
            }
            found.put(id, new Recipient(id, Boolean.TRUE.equals(r[1]), (String) r[2], (String) r[3], (String) r[4], roles,
                    Optional.ofNullable((String) r[5]).filter(e -> !e.isBlank()), Optional.ofNullable((String) r[7]), choices));
        }
        return found;
    }

    public Optional<Recipient> recipient(UUID user) {
        return Optional.ofNullable(recipients(List.of(user)).get(user));
    }

    /** Writes one outbox row in the caller's transaction; a second one for the same notification and channel is none. */
    public void add(UUID notificationId, UUID userId, DeliveryChannel channel, String kind, String locale, String title, String body,
                    NotificationData data, String toAddress) {
        em.createNativeQuery("INSERT INTO notification_deliveries (id, notification_id, user_id, channel, kind, locale, title, body, data, to_address)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10) ON CONFLICT DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, notificationId).setParameter(3, userId).setParameter(4, channel.name())
                .setParameter(5, kind).setParameter(6, locale).setParameter(7, title).setParameter(8, body).setParameter(9, data.json())
                .setParameter(10, toAddress).executeUpdate();
    }

    /** One outbox row for a notification, as {@link #addAll} writes it. */
    public record NewDelivery(UUID notificationId, UUID userId, DeliveryChannel channel, String kind, String locale, String title, String body,
                              NotificationData data) {
    }

    /**
     * Writes these outbox rows in the caller's transaction, in one statement per {@link Inbox#CHUNK}; a second one for
     * the same notification and channel is none.
     */
    public void addAll(List<NewDelivery> deliveries) {
        for (int from = 0; from < deliveries.size(); from += Inbox.CHUNK) {
            List<NewDelivery> chunk = deliveries.subList(from, Math.min(deliveries.size(), from + Inbox.CHUNK));
            em.createNativeQuery("INSERT INTO notification_deliveries (id, notification_id, user_id, channel, kind, locale, title, body, data)"
                            + " SELECT gen_random_uuid(), t.notification_id, t.user_id, t.channel, t.kind, t.locale, t.title, t.body, t.data"
                            + " FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[]), CAST(?4 AS text[]), CAST(?5 AS text[]),"
                            + " CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS jsonb[]))"
                            + " WITH ORDINALITY AS t(notification_id, user_id, channel, kind, locale, title, body, data, ord) ORDER BY t.ord"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, SqlValues.array(chunk.stream().map(NewDelivery::notificationId).toList()))
                    .setParameter(2, SqlValues.array(chunk.stream().map(NewDelivery::userId).toList()))
                    .setParameter(3, SqlValues.textArray(chunk.stream().map(d -> d.channel().name()).toList()))
                    .setParameter(4, SqlValues.textArray(chunk.stream().map(NewDelivery::kind).toList()))
                    .setParameter(5, SqlValues.textArray(chunk.stream().map(NewDelivery::locale).toList()))
                    .setParameter(6, SqlValues.textArray(chunk.stream().map(NewDelivery::title).toList()))
                    .setParameter(7, SqlValues.textArray(chunk.stream().map(NewDelivery::body).toList()))
                    .setParameter(8, SqlValues.textArray(chunk.stream().map(d -> d.data().json()).toList()))
                    .executeUpdate();
        }
    }

    /** Takes up to {@code limit} due rows for this sender (no other sender takes them while the lease runs). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Delivery> claim(UUID claim, int limit, Set<DeliveryChannel> channels) {
        if (channels.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery("WITH due AS (SELECT id FROM notification_deliveries WHERE status = 'PENDING' AND next_attempt_at <= now()"
                        + " AND (claimed_until IS NULL OR claimed_until < now()) AND channel = ANY (CAST(?4 AS text[]))"
                        + " ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE notification_deliveries d SET claim = ?2, claimed_until = now() + CAST(?3 AS interval) FROM due WHERE d.id = due.id"
                        + " RETURNING CAST(d.id AS text), CAST(d.notification_id AS text), CAST(d.user_id AS text), d.channel, d.kind, d.locale, d.title,"
                        + " d.body, CAST(d.data AS text), d.to_address, d.attempts, d.created_at")
                .setParameter(1, limit).setParameter(2, claim).setParameter(3, LEASE.toSeconds() + " seconds")
                .setParameter(4, "{" + channels.stream().map(Enum::name).collect(Collectors.joining(",")) + "}").getResultList();
        return rows.stream().map(o -> (Object[]) o).map(r -> new Delivery(UUID.fromString((String) r[0]),
                r[1] == null ? null : UUID.fromString((String) r[1]), UUID.fromString((String) r[2]), DeliveryChannel.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], NotificationData.parse((String) r[8]), Optional.ofNullable((String) r[9]),
                ((Number) r[10]).intValue(), SqlValues.instant(r[11]))).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(UUID id, UUID claim, String providerRef) {
        em.createNativeQuery("UPDATE notification_deliveries SET status = 'SENT', attempts = attempts + 1, finished_at = now(), provider_ref = ?3,"
                        + " last_error = NULL, claimed_until = NULL WHERE id = ?1 AND claim = ?2")
                .setParameter(1, id).setParameter(2, claim).setParameter(3, clip(providerRef, 200)).executeUpdate();
    }

    /** Tried and failed for now: due again after {@code wait}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void retry(UUID id, UUID claim, Duration wait, String error) {
        em.createNativeQuery("UPDATE notification_deliveries SET attempts = attempts + 1, next_attempt_at = now() + CAST(?3 AS interval),"
                        + " last_error = ?4, claimed_until = NULL WHERE id = ?1 AND claim = ?2")
                .setParameter(1, id).setParameter(2, claim).setParameter(3, wait.toMillis() + " milliseconds").setParameter(4, clip(error, 500))
                .executeUpdate();
    }

    /** Will never be sent: FAILED when it was tried (the reason is the provider's), DROPPED when there was no one to send it to. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(UUID id, UUID claim, boolean tried, String reason) {
        em.createNativeQuery("UPDATE notification_deliveries SET status = ?3, attempts = attempts + ?4, finished_at = now(), last_error = ?5,"
                        + " claimed_until = NULL WHERE id = ?1 AND claim = ?2")
                .setParameter(1, id).setParameter(2, claim).setParameter(3, tried ? "FAILED" : "DROPPED").setParameter(4, tried ? 1 : 0)
                .setParameter(5, clip(reason, 500)).executeUpdate();
    }

    /** The channel works again: what waits for a retry on it is due now rather than at the end of its backoff. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int due(DeliveryChannel channel) {
        return em.createNativeQuery("UPDATE notification_deliveries SET next_attempt_at = now() WHERE status = 'PENDING' AND channel = ?1"
                + " AND attempts > 0 AND next_attempt_at > now()").setParameter(1, channel.name()).executeUpdate();
    }

    /** Per channel: rows waiting, the age of the oldest in seconds, and rows FAILED in the last day. */
    public Map<DeliveryChannel, long[]> depth() {
        Map<DeliveryChannel, long[]> m = new LinkedHashMap<>();
        Arrays.stream(DeliveryChannel.values()).forEach(c -> m.put(c, new long[3]));
        List<?> rows = em.createNativeQuery("SELECT channel, count(*) FILTER (WHERE status = 'PENDING'),"
                + " COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'PENDING')), 0),"
                + " count(*) FILTER (WHERE status = 'FAILED' AND finished_at > now() - interval '1 day')"
                + " FROM notification_deliveries WHERE status = 'PENDING' OR (status = 'FAILED' AND finished_at > now() - interval '1 day')"
                + " GROUP BY channel").getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            m.put(DeliveryChannel.valueOf((String) r[0]), new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue()});
        }
        return m;
    }

    static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
