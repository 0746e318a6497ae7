package org.projectspark.sync.service;

import jakarta.json.JsonObject;
import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One event as the device sent it. {@code problem} is set when the event itself is malformed: it is then
 * rejected with that reason (and kept under its id when it has one), without sinking the rest of the batch.
 */
public record IncomingEvent(int index, UUID id, String deviceId, long sequence, SyncEventType type, String typeName,
                            OffsetDateTime deviceTime, JsonObject data, String raw, String problem) {

    public boolean malformed() {
        return problem != null;
    }

    public Optional<UUID> eventId() {
        return Optional.ofNullable(id);
    }
}
