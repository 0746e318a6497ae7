package org.projectspark.notification.service;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.notification.domain.Notification;
import org.projectspark.platform.error.NotFoundException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's own notifications. Another user's notification is answered exactly as one that does not exist, so ids
 * reveal nothing. Read from the primary: a notification just raised or just read is read back at once.
 */
@Stateless
public class MyNotifications {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** A page of them, newest first, with the total and the unread count. */
    public record Page(List<Notification> items, long total, long unread) {
    }

    public Page list(UUID userId, boolean unreadOnly, int offset, int limit) {
        List<Notification> items = em.createNamedQuery(unreadOnly ? Notification.MINE_UNREAD : Notification.MINE, Notification.class)
                .setParameter("user", userId).setFirstResult(offset).setMaxResults(limit).getResultList();
        long unread = unreadCount(userId);
        long total = unreadOnly ? unread : em.createNamedQuery(Notification.COUNT_MINE, Long.class).setParameter("user", userId).getSingleResult();
        return new Page(items, total, unread);
    }

    public long unreadCount(UUID userId) {
        return em.createNamedQuery(Notification.COUNT_UNREAD, Long.class).setParameter("user", userId).getSingleResult();
    }

    public Notification markRead(UUID userId, UUID id) {
        Notification n = mine(userId, id);
        n.markRead(OffsetDateTime.now(ZoneOffset.UTC));
        return n;
    }

    /** Marks every unread one read; answers how many were. */
    public int markAllRead(UUID userId) {
        return em.createNamedQuery(Notification.READ_ALL).setParameter("user", userId)
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
    }

    public void delete(UUID userId, UUID id) {
        em.remove(mine(userId, id));
    }

    /**
     * What a live client missed: those written after {@code afterSeq}, oldest first, at most {@code limit} (the client
     * asks again from the last one it got).
     */
    public List<Notification> after(UUID userId, long afterSeq, int limit) {
        return em.createNamedQuery(Notification.AFTER, Notification.class).setParameter("user", userId).setParameter("seq", afterSeq)
                .setMaxResults(limit).getResultList();
    }

    /** The position of one of the user's notifications, for a client that remembers ids rather than positions. */
    public Optional<Long> seqOf(UUID userId, UUID id) {
        return Optional.ofNullable(em.find(Notification.class, id)).filter(n -> n.isFor(userId)).map(Notification::seq);
    }

    private Notification mine(UUID userId, UUID id) {
        return Optional.ofNullable(em.find(Notification.class, id)).filter(n -> n.isFor(userId))
                .orElseThrow(() -> new NotFoundException("You have no notification with id " + id));
    }
}
