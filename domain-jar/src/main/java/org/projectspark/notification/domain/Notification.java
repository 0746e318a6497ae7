package org.projectspark.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Something the platform tells one user, written in their language when it was raised. Written once per trigger
 * (its natural key), so it is never raised twice; read, it stays until the nightly purge takes it after 30 days.
 * Rows are written by {@code INSERT ... ON CONFLICT DO NOTHING} (a second raise must not abort the transaction
 * that raised it), so this entity reads and changes them but never persists one.
 */
@Entity
@Table(name = "user_notifications")
@NamedQueries({
        @NamedQuery(name = Notification.MINE,
                query = "SELECT n FROM Notification n WHERE n.userId = :user ORDER BY n.seq DESC"),
        @NamedQuery(name = Notification.MINE_UNREAD,
                query = "SELECT n FROM Notification n WHERE n.userId = :user AND n.read = false ORDER BY n.seq DESC"),
        @NamedQuery(name = Notification.COUNT_MINE,
                query = "SELECT COUNT(n) FROM Notification n WHERE n.userId = :user"),
        @NamedQuery(name = Notification.COUNT_UNREAD,
                query = "SELECT COUNT(n) FROM Notification n WHERE n.userId = :user AND n.read = false"),
        @NamedQuery(name = Notification.AFTER,
                query = "SELECT n FROM Notification n WHERE n.userId = :user AND n.seq > :seq ORDER BY n.seq"),
        @NamedQuery(name = Notification.READ_ALL,
                query = "UPDATE Notification n SET n.read = true, n.readAt = :at WHERE n.userId = :user AND n.read = false")
})
public class Notification {

    public static final String MINE = "Notification.mine";
    public static final String MINE_UNREAD = "Notification.mineUnread";
    public static final String COUNT_MINE = "Notification.countMine";
    public static final String COUNT_UNREAD = "Notification.countUnread";
    public static final String AFTER = "Notification.after";
    public static final String READ_ALL = "Notification.readAll";

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "seq", insertable = false, updatable = false)
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "natural_key", nullable = false, updatable = false)
    private String naturalKey;

    @Column(nullable = false, updatable = false)
    private String locale;

    @Column(nullable = false, updatable = false)
    private String title;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(nullable = false, updatable = false)
    @Convert(converter = NotificationData.Column.class)
    private NotificationData data;

    @Column(name = "is_read", nullable = false)
    private boolean read;

    @Column(name = "read_at")
    private OffsetDateTime readAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Notification() {
    }

    /** Reading it twice keeps the first time it was read. */
    public void markRead(OffsetDateTime at) {
        if (!read) {
            read = true;
            readAt = at.withOffsetSameInstant(ZoneOffset.UTC);
        }
    }

    public boolean isFor(UUID user) {
        return userId.equals(user);
    }

    public UUID id() { return id; }
    public UUID userId() { return userId; }
    public long seq() { return seq; }
    public NotificationKind kind() { return kind; }
    public String naturalKey() { return naturalKey; }
    public String locale() { return locale; }
    public String title() { return title; }
    public String body() { return body; }
    public NotificationData data() { return data; }
    public boolean read() { return read; }
    public Optional<OffsetDateTime> readAt() { return Optional.ofNullable(readAt); }
    public OffsetDateTime createdAt() { return createdAt; }
}
