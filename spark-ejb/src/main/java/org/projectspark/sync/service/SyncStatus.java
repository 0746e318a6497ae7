package org.projectspark.sync.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.sync.domain.SyncEvent;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.projectspark.platform.persistence.SqlValues.count;

/**
 * What the server holds of a student's devices, for the device itself: which events it has (so an upload cut
 * off half-way resumes after the last one held), its receipts, how far each device's events are held. Read
 * from the primary: a device asks right after it wrote.
 */
@ApplicationScoped
public class SyncStatus {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** {@code eventsWaiting}: events of the device held until the file they name arrives. */
    public record Device(String deviceId, String label, OffsetDateTime registeredAt, OffsetDateTime lastSyncedAt,
                         UUID lastReceiptId, long heldThroughSequence, long eventsHeld, long eventsWaiting) {

        static Device of(Object[] row) {
            return new Device((String) row[0], (String) row[1], SqlValues.instant(row[2]), SqlValues.instant(row[3]),
                    row[4] == null ? null : UUID.fromString((String) row[4]), ((Number) row[5]).longValue(), ((Number) row[6]).longValue(),
                    ((Number) row[7]).longValue());
        }
    }

    /** The counts are what the session did with its events; {@code waiting} were held for their files then. */
    public record Receipt(UUID receiptId, String deviceId, String source, String status, int received, int applied,
                          int duplicate, int rejected, int waiting, long bytesReceived, Long durationMs, String error,
                          OffsetDateTime startedAt, OffsetDateTime completedAt) {

        static Receipt of(Object[] row) {
            return new Receipt(UUID.fromString((String) row[0]), (String) row[1], (String) row[2], (String) row[3], (int) count(row[4]),
                    (int) count(row[5]), (int) count(row[6]), (int) count(row[7]), (int) count(row[13]), count(row[8]),
                    row[9] == null ? null : count(row[9]), (String) row[10], SqlValues.instant(row[11]), SqlValues.instant(row[12]));
        }
    }

    public Device device(UUID userId, String deviceId) {
        return SqlValues.rows(em.createNativeQuery("SELECT d.device_id, d.label, d.registered_at, d.last_synced_at, CAST(d.last_receipt_id AS text),"
                        + " d.held_through, (SELECT count(*) FROM sync_events e WHERE e.user_id = d.user_id AND e.device_id = d.device_id),"
                        + " (SELECT count(*) FROM sync_waiting_events w JOIN sync_events e ON e.id = w.event_id"
                        + " WHERE w.user_id = d.user_id AND e.device_id = d.device_id)"
                        + " FROM sync_devices d WHERE d.user_id = ?1 AND d.device_id = ?2")
                .setParameter(1, userId).setParameter(2, deviceId), Device::of)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("device " + deviceId + " has not been registered by this student"));
    }

    public List<Device> devices(UUID userId) {
        List<?> ids = em.createNativeQuery("SELECT device_id FROM sync_devices WHERE user_id = ?1 ORDER BY registered_at")
                .setParameter(1, userId).getResultList();
        return ids.stream().map(id -> device(userId, (String) id)).toList();
    }

    /** The events among {@code ids} that the server holds for this student, with their first results. */
    public Map<UUID, EventResult> held(UUID userId, List<UUID> ids) {
        Map<UUID, EventResult> held = new HashMap<>();
        if (!ids.isEmpty()) {
            List<SyncEvent> events = em.createNamedQuery(SyncEvent.WITH_IDS, SyncEvent.class).setParameter("ids", ids).getResultList();
            for (SyncEvent e : events) {
                if (e.userId().equals(userId)) {
                    held.put(e.id(), SyncResults.of(ids.indexOf(e.id()), e));
                }
            }
        }
        return held;
    }

    public Receipt receipt(UUID userId, UUID receiptId) {
        return SqlValues.rows(em.createNativeQuery("SELECT CAST(id AS text), device_id, source, status, events_received, events_applied,"
                        + " events_duplicate, events_rejected, bytes_received, duration_ms, error, created_at, completed_at, events_waiting"
                        + " FROM sync_logs WHERE id = ?1 AND user_id = ?2")
                .setParameter(1, receiptId).setParameter(2, userId), Receipt::of)
                .stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no receipt " + receiptId + " for this student (receipts are kept 7 days)"));
    }
}
