package org.projectspark.sync.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.projectspark.platform.persistence.OptionalUuid;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An event a device uploaded, kept once under the device's own id: the row is written in the transaction that
 * applies the event, so an event is either applied and recorded, or neither. Its first result is kept and
 * answered to every retry. Rejected and flagged events keep their payload for the teacher's review.
 */
@Entity
@Table(name = "sync_events")
@NamedQuery(name = SyncEvent.WITH_IDS, query = "SELECT e FROM SyncEvent e WHERE e.id IN :ids")
public class SyncEvent {

    public static final String WITH_IDS = "SyncEvent.withIds";

    /** WAITING: held until the file it names arrives, then APPLIED or REJECTED (once). */
    public enum Outcome { APPLIED, WAITING, REJECTED }

    public enum Review { PENDING, ACCEPTED, DISMISSED }

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "device_id", nullable = false, updatable = false)
    private String deviceId;

    @Column(nullable = false, updatable = false)
    private long sequence;

    @Column(nullable = false, updatable = false)
    private String type;

    @Column(name = "device_time", nullable = false, updatable = false)
    private OffsetDateTime deviceTime;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "receipt_id", nullable = false, updatable = false)
    private UUID receiptId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;

    private String reason;

    private String flags;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Review review;

    @Convert(converter = OptionalUuid.class)
    @Column(name = "reviewed_by")
    private UUID reviewedBy;

    @Column(name = "reviewed_at")
    private OffsetDateTime reviewedAt;

    @Convert(converter = EventOutcomeConverter.class)
    private EventOutcome result;

    private String payload;

    protected SyncEvent() {
    }

    private SyncEvent(UUID id, UUID userId, String deviceId, long sequence, String type, OffsetDateTime deviceTime,
                      OffsetDateTime receivedAt, UUID receiptId, Outcome outcome) {
        this.id = id;
        this.userId = userId;
        this.deviceId = deviceId;
        this.sequence = sequence;
        this.type = type;
        this.deviceTime = deviceTime;
        this.receivedAt = receivedAt;
        this.receiptId = receiptId;
        this.outcome = outcome;
    }

    /** Applied; {@code flags} not empty means it earned nothing and waits for review (payload kept). */
    public static SyncEvent applied(UUID id, UUID userId, String deviceId, long sequence, SyncEventType type,
                                    OffsetDateTime deviceTime, OffsetDateTime receivedAt, UUID receiptId,
                                    Set<Plausibility.Flag> flags, EventOutcome result, String payload) {
        SyncEvent e = new SyncEvent(id, userId, deviceId, sequence, type.name(), deviceTime, receivedAt, receiptId, Outcome.APPLIED);
        e.result = result;
        if (!flags.isEmpty()) {
            e.flags = flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            e.review = Review.PENDING;
            e.payload = payload;
        }
        return e;
    }

    /** Refused with a reason the device and the teacher can read; never applied, answered the same on retry. */
    public static SyncEvent rejected(UUID id, UUID userId, String deviceId, long sequence, String type,
                                     OffsetDateTime deviceTime, OffsetDateTime receivedAt, UUID receiptId,
                                     String reason, String payload) {
        SyncEvent e = new SyncEvent(id, userId, deviceId, sequence, type, deviceTime, receivedAt, receiptId, Outcome.REJECTED);
        e.reason = reason;
        e.payload = payload;
        return e;
    }

    /**
     * Held until the file it names arrives: {@code reason} says what it waits for, {@code result} names the upload. Its
     * payload is kept, as a flagged event's is, for the teacher's view.
     */
    public static SyncEvent waiting(UUID id, UUID userId, String deviceId, long sequence, SyncEventType type,
                                    OffsetDateTime deviceTime, OffsetDateTime receivedAt, UUID receiptId,
                                    String reason, EventOutcome result, String payload) {
        SyncEvent e = new SyncEvent(id, userId, deviceId, sequence, type.name(), deviceTime, receivedAt, receiptId, Outcome.WAITING);
        e.reason = reason;
        e.result = result;
        e.payload = payload;
        return e;
    }

    /** The file it waited for arrived: applied now, as {@link #applied} would have been when it was received. */
    public void appliedAfterWaiting(Set<Plausibility.Flag> flags, EventOutcome result) {
        requireWaiting();
        outcome = Outcome.APPLIED;
        reason = null;
        this.result = result;
        if (flags.isEmpty()) {
            payload = null;
        } else {
            this.flags = flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            review = Review.PENDING;
        }
    }

    /** The file it waited for will not arrive (its upload expired or was ended): refused for good. */
    public void rejectedAfterWaiting(String reason) {
        requireWaiting();
        outcome = Outcome.REJECTED;
        this.reason = reason;
        result = null;
    }

    private void requireWaiting() {
        if (outcome != Outcome.WAITING) {
            throw new IllegalStateException("event " + id + " is " + outcome + ", not waiting");
        }
    }

    public boolean isWaiting() {
        return outcome == Outcome.WAITING;
    }

    /** A teacher looked at a flagged event: its learning stands without XP (dismissed) or is accepted. */
    public void review(Review decision, UUID teacherId, OffsetDateTime at) {
        review = decision;
        reviewedBy = teacherId;
        reviewedAt = at;
    }

    public UUID id() { return id; }
    public UUID userId() { return userId; }
    public String deviceId() { return deviceId; }
    public long sequence() { return sequence; }
    public String type() { return type; }
    public OffsetDateTime deviceTime() { return deviceTime; }
    public OffsetDateTime receivedAt() { return receivedAt; }
    public UUID receiptId() { return receiptId; }
    public Outcome outcome() { return outcome; }
    public Optional<String> reason() { return Optional.ofNullable(reason); }
    public Optional<String> flags() { return Optional.ofNullable(flags); }
    public Optional<Review> review() { return Optional.ofNullable(review); }
    public Optional<EventOutcome> result() { return Optional.ofNullable(result); }
    public Optional<String> payload() { return Optional.ofNullable(payload); }
}
