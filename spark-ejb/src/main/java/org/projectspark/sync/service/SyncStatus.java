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
import java.util.Optional;
import java.util.UUID;

/**
 * What the server holds of a student's devices, for the device itself: which events it has (so an upload cut
 * off half-way resumes after the last one held), its receipts, how far each device's events are held. Read
 * from the primary: a device asks right after it wrote.
 */
@ApplicationScoped
public class SyncStatus {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    public record Device(String deviceId, String label, OffsetDateTime registeredAt, OffsetDateTime lastSyncedAt,
                         UUID lastReceiptId, long heldThroughSequence, long eventsHeld) {
    }

    public record Receipt(UUID receiptId, String deviceId, String source, String status, int received, int applied,
                          int duplicate, int rejected, long bytesReceived, Long durationMs, String error,
                          OffsetDateTime startedAt, OffsetDateTime completedAt) {
    }

    public Device device(UUID userId, String deviceId) {
        List<?> rows = em.createNativeQuery("SELECT d.label, d.registered_at, d.last_synced_at, CAST(d.last_receipt_id AS text), d.held_through,"
                        + " (SELECT count(*) FROM sync_events e WHERE e.user_id = d.user_id AND e.device_id = d.device_id)"
                        + " FROM sync_devices d WHERE d.user_id = ?1 AND d.device_id = ?2")
                .setParameter(1, userId).setParameter(2, deviceId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("device " + deviceId + " has not been registered by this student");
        }
        Object[] r = (Object[]) rows.get(0);
        return new Device(deviceId, (String) r[0], SqlValues.instant(r[1]), r[2] == null ? null : SqlValues.instant(r[2]),
                r[3] == null ? null : UUID.fromString((String) r[3]), ((Number) r[4]).longValue(), ((Number) r[5]).longValue());
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
        List<?> rows = em.createNativeQuery("SELECT device_id, source, status, events_received, events_applied, events_duplicate,"
                        + " events_rejected, bytes_received, duration_ms, error, created_at, completed_at FROM sync_logs WHERE id = ?1 AND user_id = ?2")
                .setParameter(1, receiptId).setParameter(2, userId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("no receipt " + receiptId + " for this student (receipts are kept 7 days)");
        }
        Object[] r = (Object[]) rows.get(0);
        return new Receipt(receiptId, (String) r[0], (String) r[1], (String) r[2], n(r[3]), n(r[4]), n(r[5]), n(r[6]),
                ((Number) r[7]).longValue(), r[8] == null ? null : ((Number) r[8]).longValue(), (String) r[9],
                SqlValues.instant(r[10]), Optional.ofNullable(r[11]).map(SqlValues::instant).orElse(null));
    }

    private static int n(Object o) {
        return ((Number) o).intValue();
    }
}
