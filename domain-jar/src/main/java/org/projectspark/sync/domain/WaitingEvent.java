package org.projectspark.sync.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An offline hand-in whose file is still being uploaded: what applying it needs once the upload completes (the
 * activity, and the plausibility flags judged when it was received, so a late file does not change them). Its
 * {@link SyncEvent} is WAITING meanwhile; the transaction that applies or rejects the event deletes this row, so it
 * happens once.
 */
@Entity
@Table(name = "sync_waiting_events")
@NamedQuery(name = WaitingEvent.OF_UPLOAD, query = "SELECT w FROM WaitingEvent w WHERE w.uploadId = :upload AND w.userId = :user ORDER BY w.since")
public class WaitingEvent {

    public static final String OF_UPLOAD = "WaitingEvent.ofUpload";

    @Id
    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "upload_id", nullable = false, updatable = false)
    private UUID uploadId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    @Column(updatable = false)
    private String flags;

    @Column(nullable = false, updatable = false)
    private OffsetDateTime since;

    protected WaitingEvent() {
    }

    public WaitingEvent(UUID eventId, UUID userId, UUID uploadId, UUID activityId, Set<Plausibility.Flag> flags) {
        this.eventId = eventId;
        this.userId = userId;
        this.uploadId = uploadId;
        this.activityId = activityId;
        this.flags = flags.isEmpty() ? null : flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.since = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID eventId() { return eventId; }
    public UUID userId() { return userId; }
    public UUID uploadId() { return uploadId; }
    public UUID activityId() { return activityId; }
    public OffsetDateTime since() { return since; }

    public Set<Plausibility.Flag> flags() {
        Set<Plausibility.Flag> set = EnumSet.noneOf(Plausibility.Flag.class);
        Optional.ofNullable(flags).ifPresent(f -> Arrays.stream(f.split(",")).map(Plausibility.Flag::valueOf).forEach(set::add));
        return set;
    }
}
