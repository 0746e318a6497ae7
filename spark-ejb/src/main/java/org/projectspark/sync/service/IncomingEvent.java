package org.projectspark.sync.service;

import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One event as the device sent it: what it says happened ({@code data}) and its text as sent ({@code raw}, kept
 * for a teacher's review). {@code problem} is set when the event itself is malformed (data is then null): it is
 * rejected with that reason (and kept under its id when it has one), without sinking the rest of the batch.
 *
 * @param typeName the type as sent, for an event kept although malformed
 */
public record IncomingEvent(int index, UUID id, String deviceId, long sequence, String typeName, OffsetDateTime deviceTime,
                            EventData data, String raw, String problem) {

    public boolean malformed() {
        return problem != null;
    }

    /** The event's type; null when it is malformed. */
    public SyncEventType type() {
        return data == null ? null : data.type();
    }

    public Optional<UUID> eventId() {
        return Optional.ofNullable(id);
    }
}
